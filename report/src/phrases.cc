#include "sift/report/phrases.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sift::report {
namespace {

// Counts of one phrase in one sentence set. Documents are visited grouped
// (all sentences of a document together), so "the current document" is
// enough to count distinct documents and to cap per-document counts.
struct Counts {
  int count = 0;        // occurrences
  int capped = 0;       // occurrences, at most max_per_document per document
  int documents = 0;    // distinct documents
  int in_document = 0;  // occurrences in the current document
  std::size_t last_group = static_cast<std::size_t>(-1);
};

void Record(Counts* c, std::size_t group, int max_per_document) {
  if (c->last_group != group) {
    c->last_group = group;
    c->in_document = 0;
    ++c->documents;
  }
  ++c->count;
  if (max_per_document == 0 || c->in_document < max_per_document) ++c->capped;
  ++c->in_document;
}

// Sentence indices ordered by document (stable), with each sentence's group
// number: sentences of one document share a group.
std::vector<std::pair<std::size_t, std::size_t>> GroupByDocument(
    const std::vector<PhraseSentence>& sentences) {
  std::vector<std::size_t> order(sentences.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) {
                     return sentences[x].document < sentences[y].document;
                   });
  std::vector<std::pair<std::size_t, std::size_t>> out;
  out.reserve(order.size());
  std::size_t group = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (k > 0 &&
        sentences[order[k]].document != sentences[order[k - 1]].document) {
      ++group;
    }
    out.emplace_back(order[k], group);
  }
  return out;
}

// Calls visit(key, words) for every admissible phrase of `tokens`; `key` is
// scratch space reused between calls.
template <typename Visit>
void ForEachPhrase(const std::vector<std::string>& tokens, int max_words,
                   std::string* key, Visit visit) {
  const std::size_t n = tokens.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (IsStopword(tokens[i])) continue;
    key->clear();
    for (std::size_t w = 1; w <= static_cast<std::size_t>(max_words); ++w) {
      const std::size_t last = i + w - 1;
      if (last >= n || IsExcludedToken(tokens[last])) break;
      if (w > 1) key->push_back(' ');
      key->append(tokens[last]);
      if (!IsStopword(tokens[last])) visit(*key, static_cast<int>(w));
    }
  }
}

// Positions[w] = number of w-token windows in `sentences` (w = 1..max).
std::vector<double> Positions(const std::vector<PhraseSentence>& sentences,
                              int max_words) {
  std::vector<double> positions(max_words + 1, 0.0);
  for (const PhraseSentence& s : sentences) {
    for (int w = 1; w <= max_words; ++w) {
      if (s.tokens.size() >= static_cast<std::size_t>(w)) {
        positions[w] += static_cast<double>(s.tokens.size() - w + 1);
      }
    }
  }
  return positions;
}

Status Validate(const PhraseOptions& o) {
  if (o.max_words < 1 || o.max_words > 5) {
    return Status::InvalidArgument("phrase max_words must be 1..5");
  }
  if (o.min_count < 1 || o.min_documents < 1 || o.max_per_document < 0 ||
      o.max_phrases < 0) {
    return Status::InvalidArgument(
        "phrase min_count and min_documents must be >= 1, max_per_document "
        "and max_phrases >= 0");
  }
  if (!(o.redundancy_ratio > 0 && o.redundancy_ratio <= 1) ||
      !std::isfinite(o.min_score)) {
    return Status::InvalidArgument(
        "phrase redundancy_ratio must be in (0, 1], min_score finite");
  }
  return Status::Ok();
}

// True when the words of `inner` occur as a contiguous run in `outer`.
bool ContainsWords(const std::string& outer, const std::string& inner) {
  if (inner.size() > outer.size()) return false;
  std::string padded_outer = std::string(" ").append(outer).append(" ");
  std::string padded_inner = std::string(" ").append(inner).append(" ");
  return padded_outer.find(padded_inner) != std::string::npos;
}

bool NearlySameCount(const Phrase& x, const Phrase& y, double ratio) {
  return std::min(x.count, y.count) >= ratio * std::max(x.count, y.count);
}

// Adds `candidate` (ranked below everything in *kept) unless a kept phrase
// contains it with nearly the same count; kept phrases that it contains with
// nearly the same count give way to it (the longer phrase says more).
void AddUnlessRedundant(Phrase candidate, double ratio,
                        std::vector<Phrase>* kept) {
  for (const Phrase& k : *kept) {
    if (ContainsWords(k.text, candidate.text) &&
        NearlySameCount(k, candidate, ratio)) {
      return;
    }
  }
  std::erase_if(*kept, [&](const Phrase& k) {
    return ContainsWords(candidate.text, k.text) &&
           NearlySameCount(k, candidate, ratio);
  });
  kept->push_back(std::move(candidate));
}

bool Better(const Phrase& x, const Phrase& y) {
  if (x.score != y.score) return x.score > y.score;
  if (x.count != y.count) return x.count > y.count;
  return x.text < y.text;
}

struct Candidate {
  std::string text;
  int words = 0;
  Counts target;
  Counts background;
};

// Target counts of every admissible phrase, then background counts of the
// ones that pass the target gates.
std::vector<Candidate> CountCandidates(
    const std::vector<PhraseSentence>& target,
    const std::vector<PhraseSentence>& background, const PhraseOptions& o) {
  std::unordered_map<std::string, std::size_t> ids;
  std::vector<Candidate> all;
  std::string key;
  for (const auto& [index, group] : GroupByDocument(target)) {
    ForEachPhrase(target[index].tokens, o.max_words, &key,
                  [&](const std::string& k, int words) {
                    auto [it, added] = ids.try_emplace(k, all.size());
                    if (added) all.push_back(Candidate{k, words, {}, {}});
                    Record(&all[it->second].target, group, o.max_per_document);
                  });
  }
  std::vector<Candidate> kept;
  std::unordered_map<std::string, std::size_t> kept_ids;
  for (Candidate& c : all) {
    if (c.target.count < o.min_count || c.target.documents < o.min_documents) {
      continue;
    }
    kept_ids.emplace(c.text, kept.size());
    kept.push_back(std::move(c));
  }
  for (const auto& [index, group] : GroupByDocument(background)) {
    ForEachPhrase(background[index].tokens, o.max_words, &key,
                  [&](const std::string& k, int) {
                    auto it = kept_ids.find(k);
                    if (it == kept_ids.end()) return;
                    Record(&kept[it->second].background, group,
                           o.max_per_document);
                  });
  }
  return kept;
}

}  // namespace

double LogLikelihood(double a, double b, double c, double d) {
  const double n = c + d;
  const double phrase = a + b;
  const double observed[4] = {a, b, c - a, d - b};
  const double expected[4] = {c * phrase / n, d * phrase / n,
                              c * (n - phrase) / n, d * (n - phrase) / n};
  double sum = 0;
  for (int i = 0; i < 4; ++i) {
    if (observed[i] > 0)
      sum += observed[i] * std::log(observed[i] / expected[i]);
  }
  return std::max(0.0, 2 * sum);
}

Result<std::vector<Phrase>> DistinctivePhrases(
    const std::vector<PhraseSentence>& target,
    const std::vector<PhraseSentence>& background,
    const PhraseOptions& options) {
  SIFT_RETURN_IF_ERROR(Validate(options));
  const std::vector<double> c = Positions(target, options.max_words);
  const std::vector<double> d = Positions(background, options.max_words);
  std::vector<Phrase> scored;
  for (const Candidate& cand : CountCandidates(target, background, options)) {
    const double a = cand.target.capped;
    const double b = cand.background.capped;
    const double cw = c[cand.words];
    const double dw = d[cand.words];
    if (a * dw <= b * cw) continue;  // not over-represented in the target
    const double g2 = LogLikelihood(a, b, cw, dw);
    if (g2 <= 0 || g2 < options.min_score) continue;
    scored.push_back(Phrase{cand.text, cand.words, g2, cand.target.count,
                            cand.target.documents, cand.background.count});
  }
  std::sort(scored.begin(), scored.end(), Better);
  std::vector<Phrase> out;
  for (Phrase& p : scored) {
    if (options.max_phrases > 0 &&
        out.size() >= static_cast<std::size_t>(options.max_phrases)) {
      break;
    }
    AddUnlessRedundant(std::move(p), options.redundancy_ratio, &out);
  }
  std::stable_sort(out.begin(), out.end(), Better);
  return out;
}

}  // namespace sift::report
