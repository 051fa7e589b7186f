#include "campaign_scoring.h"

#include <algorithm>
#include <functional>
#include <map>
#include <unordered_map>

namespace sift::bench {
namespace {

// A text's shingles as sorted hashes: the set ShingleJaccard() compares,
// precomputed for the all-pairs baseline.
std::vector<std::size_t> Shingles(const std::string& text, int k) {
  const std::vector<std::string> words = ingest::CampaignWords(text);
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i + static_cast<std::size_t>(k) <= words.size();
       ++i) {
    std::string shingle;
    for (int j = 0; j < k; ++j) shingle.append(words[i + j]).push_back(' ');
    out.push_back(std::hash<std::string>()(shingle));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double Jaccard(const std::vector<std::size_t>& a,
               const std::vector<std::size_t>& b) {
  std::size_t common = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j])
      ++common, ++i, ++j;
    else if (a[i] < b[j])
      ++i;
    else
      ++j;
  }
  return static_cast<double>(common) /
         static_cast<double>(a.size() + b.size() - common);
}

}  // namespace

// Group labels: rows with equal keys share a label.
std::vector<int> Label(const std::vector<std::string>& keys) {
  std::unordered_map<std::string, int> ids;
  std::vector<int> labels;
  for (const std::string& k : keys) {
    labels.push_back(
        ids.try_emplace(k, static_cast<int>(ids.size())).first->second);
  }
  return labels;
}

// Pairwise precision/recall of `predicted` (label per row, -1 = none)
// against `truth` (label per row; singletons allowed).
std::pair<double, double> PairAgreement(const std::vector<int>& predicted,
                                        const std::vector<int>& truth) {
  std::map<int, double> p, t;
  std::map<std::pair<int, int>, double> joint;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    if (truth[i] >= 0) ++t[truth[i]];
    if (predicted[i] < 0) continue;
    ++p[predicted[i]];
    if (truth[i] >= 0) ++joint[{predicted[i], truth[i]}];
  }
  double pp = 0, tp = 0, both = 0;
  for (auto& [k, n] : p) pp += Pairs(n);
  for (auto& [k, n] : t) tp += Pairs(n);
  for (auto& [k, n] : joint) both += Pairs(n);
  return {Ratio(both, pp), Ratio(both, tp)};
}

// Pair counts for `labels` (campaign per row, -1 = none).
Counts Score(const FileEval& f, const std::vector<int>& labels) {
  Counts c;
  std::map<int, std::map<int, double>> by_campaign;  // campaign -> exact -> n
  std::map<int, double> exact_size;
  for (std::size_t i = 0; i < f.rows.size(); ++i) {
    ++exact_size[f.exact[i]];
    if (labels[i] >= 0) ++by_campaign[labels[i]][f.exact[i]];
  }
  std::map<int, std::size_t> first_row;
  for (std::size_t i = 0; i < f.rows.size(); ++i)
    first_row.try_emplace(f.exact[i], i);
  for (auto& [g, n] : exact_size) {
    c.truth += Pairs(n);
    if (f.long_text[first_row[g]]) c.truth_long += Pairs(n);
  }
  for (auto& [campaign, groups] : by_campaign) {
    double size = 0;
    for (auto& [g, n] : groups) {
      size += n;
      c.both += Pairs(n);
      c.near_ok += Pairs(n);  // exact pairs are correct
      if (f.long_text[first_row[g]]) c.both_long += Pairs(n);
    }
    c.predicted += Pairs(size);
    for (auto a = groups.begin(); a != groups.end(); ++a) {
      for (auto b = std::next(a); b != groups.end(); ++b) {
        const double j = ingest::ShingleJaccard(
            f.rows[first_row[a->first]].text, f.rows[first_row[b->first]].text,
            f.options.shingle_words);
        if (j >= f.options.min_similarity) c.near_ok += a->second * b->second;
      }
    }
  }
  c.near_truth = c.truth_long, c.near_found = c.both_long;
  for (const auto& e : f.near) {
    c.near_truth += e.pairs;
    if (labels[e.a] >= 0 && labels[e.a] == labels[e.b]) c.near_found += e.pairs;
  }
  return c;
}

// Fills f->near: all pairs of distinct long texts at or above threshold.
void FindNearPairs(FileEval* f) {
  std::vector<std::size_t> reps;  // first row of each long exact group
  std::vector<std::vector<std::size_t>> shingles;
  std::map<int, double> copies;
  for (std::size_t i = 0; i < f->rows.size(); ++i) {
    if (f->long_text[i] && copies[f->exact[i]]++ == 0) {
      reps.push_back(i);
      shingles.push_back(Shingles(f->rows[i].text, f->options.shingle_words));
    }
  }
  for (std::size_t a = 0; a < reps.size(); ++a) {
    for (std::size_t b = a + 1; b < reps.size(); ++b) {
      if (Jaccard(shingles[a], shingles[b]) >= f->options.min_similarity) {
        f->near.push_back(
            {reps[a], reps[b],
             copies[f->exact[reps[a]]] * copies[f->exact[reps[b]]]});
      }
    }
  }
}

// Unguarded baseline: connected components of f.near (union-find alone),
// of >= min_members rows.
std::vector<int> SingleLinkage(const FileEval& f) {
  std::vector<std::size_t> parent(f.rows.size());
  for (std::size_t i = 0; i < parent.size(); ++i) parent[i] = i;
  auto root = [&](std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  std::map<int, std::size_t> head;  // exact group -> first row
  for (std::size_t i = 0; i < f.rows.size(); ++i) {
    if (f.long_text[i])
      parent[i] = root(head.try_emplace(f.exact[i], i).first->second);
  }
  for (const auto& e : f.near) parent[root(e.a)] = root(e.b);
  std::vector<int> labels(f.rows.size(), -1);
  std::map<std::size_t, std::size_t> size;
  for (std::size_t i = 0; i < f.rows.size(); ++i) {
    if (f.long_text[i]) ++size[root(i)];
  }
  for (std::size_t i = 0; i < f.rows.size(); ++i) {
    if (f.long_text[i] &&
        size[root(i)] >= static_cast<std::size_t>(f.options.min_members)) {
      labels[i] = static_cast<int>(root(i));
    }
  }
  return labels;
}

}  // namespace sift::bench
