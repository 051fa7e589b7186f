// The scoring half of bench/campaign_eval.cc: exact-group ground truth,
// pair counts of predicted campaigns against it, and the unguarded
// single-linkage baseline.
#ifndef SIFT_BENCH_CAMPAIGN_SCORING_H_
#define SIFT_BENCH_CAMPAIGN_SCORING_H_

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "sift/ingest/campaigns.h"

namespace sift::bench {

// One comment of a file: its normalised forms and the pilot's cluster ids.
struct Row {
  std::string text;     // analysis form
  std::string display;  // display form
  std::string comp, clust;
};

struct Counts {  // pair counts
  double predicted = 0, truth = 0, truth_long = 0, both = 0, both_long = 0,
         near_ok = 0, near_truth = 0, near_found = 0;
  void operator+=(const Counts& o) {
    predicted += o.predicted, truth += o.truth, truth_long += o.truth_long;
    both += o.both, both_long += o.both_long, near_ok += o.near_ok;
    near_truth += o.near_truth, near_found += o.near_found;
  }
};

// Pairs among n items; a / b, 1 when b is 0.
inline double Pairs(double n) { return n * (n - 1) / 2; }
inline double Ratio(double a, double b) { return b == 0 ? 1.0 : a / b; }

// Group labels: rows with equal keys share a label.
std::vector<int> Label(const std::vector<std::string>& keys);

// Pairwise precision/recall of `predicted` (label per row, -1 = none)
// against `truth` (label per row; singletons allowed).
std::pair<double, double> PairAgreement(const std::vector<int>& predicted,
                                        const std::vector<int>& truth);

// One file under evaluation: its rows, their exact groups and near pairs.
struct FileEval {
  std::vector<Row> rows;
  std::vector<int> exact;      // exact-group label per row
  std::vector<int> long_text;  // 1 when the row has >= min_words words
  // Pairs of rows heading distinct exact groups of long texts whose exact
  // shingle Jaccard is >= the threshold, with the product of group sizes.
  struct Edge {
    std::size_t a, b;
    double pairs;
  };
  std::vector<Edge> near;
  sift::ingest::CampaignOptions options;
};

// Pair counts for `labels` (campaign per row, -1 = none).
Counts Score(const FileEval& f, const std::vector<int>& labels);

// Fills f->near: all pairs of distinct long texts at or above threshold.
void FindNearPairs(FileEval* f);

// Unguarded baseline: connected components of f.near (union-find alone),
// of >= min_members rows.
std::vector<int> SingleLinkage(const FileEval& f);

}  // namespace sift::bench

#endif  // SIFT_BENCH_CAMPAIGN_SCORING_H_
