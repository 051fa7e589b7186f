// CampaignFinder: MinHash signatures (one-permutation hashing with optimal
// densification), LSH banding into union-find components, then each
// component peeled into campaigns around medoids.
#include "sift/ingest/campaigns.h"

#include <cstdint>
#include <string>
#include <vector>

#include "campaign_text.h"

namespace sift::ingest {
namespace {

using campaign_internal::Mix64;

__extension__ using Uint128 = unsigned __int128;

// Maps a uniform 64-bit hash to [0, n) without division.
std::uint32_t Reduce(std::uint64_t hash, std::uint32_t n) {
  return static_cast<std::uint32_t>((static_cast<Uint128>(hash) * n) >> 64);
}

// Appends the signature of `words` (at least k of them) to `out`: the
// shingle hashes are split into `bins` bins by their high bits, each bin
// keeps its smallest value, and every empty bin copies the bin found by its
// own fixed probe sequence (Shrivastava, "Optimal densification for fast and
// accurate minwise hashing", ICML 2017). Values keep their low 16 bits.
void AppendSignature(const std::vector<std::uint64_t>& words, int k, int bins,
                     std::uint64_t seed, std::vector<std::uint16_t>* out) {
  const std::uint32_t n = static_cast<std::uint32_t>(bins);
  std::vector<std::uint32_t> mins(n, 0xFFFFFFFFu);
  std::vector<bool> filled(n, false);
  const std::size_t width = static_cast<std::size_t>(k);
  for (std::size_t i = 0; i + width <= words.size(); ++i) {
    std::uint64_t h = seed;
    for (std::size_t j = 0; j < width; ++j) h = Mix64(h ^ words[i + j]);
    const std::uint32_t bin = Reduce(h, n);
    const std::uint32_t value = static_cast<std::uint32_t>(h);
    if (value <= mins[bin]) mins[bin] = value, filled[bin] = true;
  }
  for (std::uint32_t bin = 0; bin < n; ++bin) {
    std::uint32_t source = bin;
    for (std::uint64_t attempt = 1; !filled[source]; ++attempt) {
      source = Reduce(
          Mix64(seed ^ (static_cast<std::uint64_t>(bin) << 32) ^ attempt), n);
    }
    out->push_back(static_cast<std::uint16_t>(mins[source]));
  }
}

}  // namespace

Status ValidateCampaignOptions(const CampaignOptions& o) {
  auto bad = [](const char* what) {
    return Status::InvalidArgument(
        std::string("campaign options: ").append(what));
  };
  if (o.shingle_words < 1 || o.shingle_words > 16) {
    return bad("shingle_words must be 1 to 16");
  }
  if (o.num_hashes < 1 || o.num_hashes > 4096) {
    return bad("num_hashes must be 1 to 4096");
  }
  if (o.bands < 1 || o.num_hashes % o.bands != 0) {
    return bad("bands must divide num_hashes");
  }
  if (!(o.min_similarity > 0.0 && o.min_similarity <= 1.0)) {
    return bad("min_similarity must be in (0, 1]");
  }
  if (o.min_members < 2) return bad("min_members must be at least 2");
  if (o.min_words < o.shingle_words) {
    return bad("min_words must be at least shingle_words");
  }
  return Status::Ok();
}

CampaignFinder::CampaignFinder(CampaignOptions options) : options_(options) {}

std::size_t CampaignFinder::Add(std::string_view text) {
  campaign_internal::WordHashes(text, &scratch_);
  std::uint32_t record = kShort;
  if (scratch_.size() >= static_cast<std::size_t>(options_.min_words)) {
    const std::uint64_t key = campaign_internal::SequenceKey(scratch_);
    auto [it, added] = distinct_by_key_.try_emplace(
        key, static_cast<std::uint32_t>(keys_.size()));
    if (added) {
      keys_.push_back(key);
      AppendSignature(scratch_, options_.shingle_words, options_.num_hashes,
                      options_.seed, &signatures_);
    }
    record = it->second;
  } else if (!scratch_.empty()) {
    short_texts_[campaign_internal::SequenceKey(scratch_)].push_back(
        records_.size());
  }
  records_.push_back(record);
  return records_.size() - 1;
}

std::vector<RepeatedAnswer> CampaignFinder::FindRepeated() const {
  std::vector<RepeatedAnswer> out;
  for (const auto& [key, texts] : short_texts_) {
    if (texts.size() < static_cast<std::size_t>(options_.min_members)) continue;
    // Add() appended the indices in order.
    out.push_back({campaign_internal::GroupId('r', key), texts});
  }
  campaign_internal::SortLargestFirst(&out);
  return out;
}

}  // namespace sift::ingest
