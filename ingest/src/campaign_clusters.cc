// CampaignFinder::Find(): LSH candidates joined into components, then each
// component peeled into campaigns around medoids.
#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "campaign_text.h"
#include "sift/ingest/campaigns.h"

namespace sift::ingest {
namespace {

using campaign_internal::Mix64;

// Buckets up to this size are verified pair by pair; larger ones (thousands
// of variants of one letter) against their first member and the few before
// each, which keeps the work linear and loses no component in practice.
constexpr std::size_t kAllPairsBucket = 48;
constexpr std::size_t kBigBucketWindow = 6;
// Medoids are scored against at most this many of a component's heaviest
// distinct texts.
constexpr std::size_t kMedoidSample = 32;
// At most this many campaigns are peeled from one component; what remains
// after them (texts chained far from every template) is no campaign.
constexpr int kMaxPeels = 64;

// The signatures of the distinct texts, and their weights (copies).
struct Signatures {
  const std::uint16_t* data;
  std::size_t width;
  const std::vector<std::uint32_t>* weight;

  double Similarity(std::uint32_t a, std::uint32_t b) const {
    const std::uint16_t* x = data + a * width;
    const std::uint16_t* y = data + b * width;
    std::size_t equal = 0;
    for (std::size_t i = 0; i < width; ++i) equal += x[i] == y[i];
    return static_cast<double>(equal) / static_cast<double>(width);
  }
};

class UnionFind {
 public:
  explicit UnionFind(std::size_t n) : parent_(n) {
    std::iota(parent_.begin(), parent_.end(), 0u);
  }
  std::uint32_t Root(std::uint32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void Join(std::uint32_t a, std::uint32_t b) {
    a = Root(a), b = Root(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<std::uint32_t> parent_;
};

// Joins a and b when they are not yet joined and are similar enough.
void Link(const Signatures& sigs, double threshold, std::uint32_t a,
          std::uint32_t b, UnionFind* uf) {
  if (uf->Root(a) != uf->Root(b) && sigs.Similarity(a, b) >= threshold) {
    uf->Join(a, b);
  }
}

void LinkBucket(const Signatures& sigs, double threshold,
                const std::pair<std::uint64_t, std::uint32_t>* run,
                std::size_t size, UnionFind* uf) {
  for (std::size_t i = 1; i < size; ++i) {
    const bool small = size <= kAllPairsBucket;
    const std::size_t from =
        small || i <= kBigBucketWindow ? 0 : i - kBigBucketWindow;
    if (!small && from > 0)
      Link(sigs, threshold, run[0].second, run[i].second, uf);
    for (std::size_t j = from; j < i; ++j) {
      Link(sigs, threshold, run[j].second, run[i].second, uf);
    }
  }
}

// Union-find over the pairs that share a band and pass verification.
UnionFind Components(const Signatures& sigs, std::size_t count, int bands,
                     double threshold) {
  UnionFind uf(count);
  const std::size_t rows = sigs.width / static_cast<std::size_t>(bands);
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed(count);
  for (std::size_t band = 0; band < static_cast<std::size_t>(bands); ++band) {
    for (std::uint32_t u = 0; u < count; ++u) {
      const std::uint16_t* row = sigs.data + u * sigs.width + band * rows;
      std::uint64_t h = band;
      for (std::size_t r = 0; r < rows; ++r) h = Mix64(h ^ row[r]) + r;
      keyed[u] = {h, u};
    }
    std::sort(keyed.begin(), keyed.end());
    for (std::size_t start = 0, end; start < count; start = end) {
      for (end = start + 1;
           end < count && keyed[end].first == keyed[start].first;) {
        ++end;
      }
      if (end - start > 1) {
        LinkBucket(sigs, threshold, &keyed[start], end - start, &uf);
      }
    }
  }
  return uf;
}

std::uint64_t Weight(const Signatures& sigs,
                     const std::vector<std::uint32_t>& set) {
  std::uint64_t total = 0;
  for (std::uint32_t u : set) total += (*sigs.weight)[u];
  return total;
}

// The member of `set` (ascending) most similar, weighted by copies, to the
// heaviest members of `set`; the first among equals.
std::uint32_t Medoid(const Signatures& sigs,
                     const std::vector<std::uint32_t>& set) {
  std::vector<std::uint32_t> sample = set;
  if (sample.size() > kMedoidSample) {
    std::stable_sort(sample.begin(), sample.end(),
                     [&](std::uint32_t a, std::uint32_t b) {
                       return (*sigs.weight)[a] > (*sigs.weight)[b];
                     });
    sample.resize(kMedoidSample);
  }
  std::uint32_t best = set[0];
  double best_score = -1;
  for (std::uint32_t u : set) {
    double score = 0;
    for (std::uint32_t v : sample) {
      score += (*sigs.weight)[v] * (u == v ? 1.0 : sigs.Similarity(u, v));
    }
    if (score > best_score) best = u, best_score = score;
  }
  return best;
}

// Splits one component into groups around medoids: {medoid, groups...}.
std::vector<std::pair<std::uint32_t, std::vector<std::uint32_t>>> Peel(
    const Signatures& sigs, std::vector<std::uint32_t> rest, double threshold,
    std::uint64_t min_members) {
  std::vector<std::pair<std::uint32_t, std::vector<std::uint32_t>>> groups;
  for (int round = 0; round < kMaxPeels && Weight(sigs, rest) >= min_members;
       ++round) {
    const std::uint32_t medoid = Medoid(sigs, rest);
    std::vector<std::uint32_t> group, left;
    for (std::uint32_t u : rest) {
      const bool in = u == medoid || sigs.Similarity(medoid, u) >= threshold;
      (in ? group : left).push_back(u);
    }
    if (Weight(sigs, group) >= min_members) groups.emplace_back(medoid, group);
    rest = std::move(left);
  }
  return groups;
}

}  // namespace

std::vector<Campaign> CampaignFinder::Find() const {
  const std::size_t count = keys_.size();
  // Texts by distinct word sequence, ascending (CSR layout).
  std::vector<std::uint32_t> weight(count, 0), start(count + 1, 0);
  for (std::uint32_t r : records_) {
    if (r != kShort) ++weight[r];
  }
  std::partial_sum(weight.begin(), weight.end(), start.begin() + 1);
  std::vector<std::size_t> texts(start[count]);
  std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
  for (std::size_t i = 0; i < records_.size(); ++i) {
    if (records_[i] != kShort) texts[fill[records_[i]]++] = i;
  }

  const Signatures sigs{signatures_.data(),
                        static_cast<std::size_t>(options_.num_hashes), &weight};
  UnionFind uf =
      Components(sigs, count, options_.bands, options_.min_similarity);
  std::vector<std::vector<std::uint32_t>> components(count);
  for (std::uint32_t u = 0; u < count; ++u) components[uf.Root(u)].push_back(u);

  std::vector<Campaign> campaigns;
  const auto min_members = static_cast<std::uint64_t>(options_.min_members);
  for (auto& component : components) {
    if (component.empty() || Weight(sigs, component) < min_members) continue;
    for (auto& [medoid, group] : Peel(sigs, std::move(component),
                                      options_.min_similarity, min_members)) {
      Campaign c;
      c.id = campaign_internal::GroupId('c', keys_[medoid]);
      c.template_index = texts[start[medoid]];
      for (std::uint32_t u : group) {
        c.members.insert(c.members.end(), texts.begin() + start[u],
                         texts.begin() + start[u + 1]);
      }
      std::sort(c.members.begin(), c.members.end());
      campaigns.push_back(std::move(c));
    }
  }
  campaign_internal::SortLargestFirst(&campaigns);
  return campaigns;
}

}  // namespace sift::ingest
