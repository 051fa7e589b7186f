#include "sift/report/quotes.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>
#include <vector>

#include "vector_math.h"

namespace sift::report {
namespace {

using internal::Dot;
using internal::NormalizeInPlace;

bool IsWordByte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

bool IsSpaceByte(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

Status Validate(std::size_t n, std::size_t values, int dim,
                std::size_t centroid_size, const QuoteOptions& o) {
  if (dim <= 0 || values != n * static_cast<std::size_t>(dim)) {
    return Status::InvalidArgument(
        "quote vectors must hold dim > 0 floats per candidate");
  }
  if (centroid_size != 0 && centroid_size != static_cast<std::size_t>(dim)) {
    return Status::InvalidArgument(
        "quote centroid must be empty or dim floats");
  }
  if (o.k < 0 || !(o.lambda >= 0 && o.lambda <= 1) || o.min_words < 0 ||
      o.max_chars < 0 || !(o.duplicate_cosine <= 1)) {
    return Status::InvalidArgument(
        "quote options: k, min_words, max_chars >= 0; lambda in [0, 1]; "
        "duplicate_cosine <= 1");
  }
  return Status::Ok();
}

// Unit copies of the rows; sets (*nonzero)[i] for rows that are not zero.
std::vector<float> UnitRows(std::span<const float> vectors, std::size_t n,
                            int dim, std::vector<bool>* nonzero) {
  std::vector<float> unit(vectors.begin(), vectors.end());
  nonzero->assign(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    (*nonzero)[i] = NormalizeInPlace(&unit[i * dim], dim);
  }
  return unit;
}

// The unit centroid: the given one, or the mean of the non-zero rows.
std::vector<float> UnitCentroid(const std::vector<float>& unit,
                                const std::vector<bool>& nonzero, int dim,
                                std::span<const float> given) {
  std::vector<float> centroid(dim, 0.0f);
  if (!given.empty()) {
    centroid.assign(given.begin(), given.end());
  } else {
    std::vector<double> sum(dim, 0.0);
    for (std::size_t i = 0; i < nonzero.size(); ++i) {
      if (!nonzero[i]) continue;
      for (int j = 0; j < dim; ++j) sum[j] += unit[i * dim + j];
    }
    for (int j = 0; j < dim; ++j) centroid[j] = static_cast<float>(sum[j]);
  }
  NormalizeInPlace(centroid.data(), dim);
  return centroid;
}

}  // namespace

int QuoteWords(std::string_view text) {
  int words = 0;
  bool in_run = false;
  bool run_has_word_byte = false;
  for (unsigned char c : text) {
    if (IsSpaceByte(c)) {
      if (in_run && run_has_word_byte) ++words;
      in_run = run_has_word_byte = false;
      continue;
    }
    in_run = true;
    run_has_word_byte = run_has_word_byte || IsWordByte(c);
  }
  if (in_run && run_has_word_byte) ++words;
  return words;
}

int QuoteChars(std::string_view text) {
  int chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  return chars;
}

Result<std::vector<std::size_t>> SelectQuotes(
    std::span<const QuoteCandidate> candidates, std::span<const float> vectors,
    int dim, std::span<const float> centroid, const QuoteOptions& options) {
  const std::size_t n = candidates.size();
  SIFT_RETURN_IF_ERROR(
      Validate(n, vectors.size(), dim, centroid.size(), options));
  std::vector<bool> eligible;
  const std::vector<float> unit = UnitRows(vectors, n, dim, &eligible);
  const std::vector<float> center = UnitCentroid(unit, eligible, dim, centroid);
  std::vector<double> relevance(n, 0.0);
  std::vector<double> max_similarity(n, 0.0);  // to the chosen quotes
  for (std::size_t i = 0; i < n; ++i) {
    const QuoteCandidate& c = candidates[i];
    if (QuoteWords(c.text) < options.min_words ||
        (options.max_chars > 0 && QuoteChars(c.text) > options.max_chars)) {
      eligible[i] = false;
    }
    if (eligible[i]) relevance[i] = Dot(&unit[i * dim], center.data(), dim);
  }
  std::vector<std::size_t> chosen;
  std::unordered_set<std::uint64_t> used_documents;
  while (chosen.size() < static_cast<std::size_t>(options.k)) {
    std::size_t best = n;
    double best_score = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < n; ++i) {
      if (!eligible[i]) continue;
      const double diversity = chosen.empty() ? 0.0 : max_similarity[i];
      const double score =
          options.lambda * relevance[i] - (1 - options.lambda) * diversity;
      if (score > best_score) {
        best_score = score;
        best = i;
      }
    }
    if (best == n) break;
    chosen.push_back(best);
    used_documents.insert(candidates[best].document);
    // Update what the next round needs, and retire what no longer qualifies.
    for (std::size_t i = 0; i < n; ++i) {
      if (!eligible[i]) continue;
      const double sim = Dot(&unit[i * dim], &unit[best * dim], dim);
      max_similarity[i] =
          chosen.size() == 1 ? sim : std::max(max_similarity[i], sim);
      if (used_documents.count(candidates[i].document) != 0 ||
          sim > options.duplicate_cosine) {
        eligible[i] = false;
      }
    }
  }
  return chosen;
}

}  // namespace sift::report
