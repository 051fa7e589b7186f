// Sub-themes: groups of a theme's sentences that say similar things, found
// by spherical k-means on their sentence vectors (cosine similarity).
//
// Steps, all deterministic for a given seed (same input, same options: same
// output, on every run and on every machine with IEEE floats):
//  1. Rows are scaled to unit length; zero rows (sentences without known
//     words) are set aside as `unclustered`.
//  2. Choosing k. For each k in [min_k, max_k] (bounded by the data: at
//     most rows / min_size, and below the silhouette sample size) spherical
//     k-means runs with k-means++ seeding (Arthur and Vassilvitskii, 2007)
//     on cosine distance 1 - cos, at most max_iterations Lloyd rounds. Runs
//     use a random sample of at most selection_sample rows; the k with the
//     highest mean silhouette (Rousseeuw, 1987) on cosine distance, measured
//     on a random subsample of at most silhouette_sample of those rows,
//     wins; ties go to the smaller k. Silhouette because it compares
//     cohesion with separation on the same scale for every k and needs no
//     threshold, while inertia falls with every added cluster; sampled
//     because the exact value costs O(n²) distances (2,000 points put the
//     sample mean within about ±0.01 of the full one, plenty to rank a
//     handful of k). When there are more rows than selection_sample,
//     k-means is then run once more with the chosen k on all rows.
//  3. Quality gates. Clusters whose centroids have cosine above
//     merge_cosine are merged (most similar pair first) until none are.
//     Then, smallest first, a cluster with fewer than min_size distinct
//     documents is dissolved and its members join the nearest remaining
//     centroid. If only one cluster is left and it is still too small,
//     there are no clusters and every row is `unclustered`.
// Clusters come largest first (ties: lowest first member).
//
// Cost: O(n · k · dim · iterations) for the final run plus a fixed cost for
// choosing k; 200,000 sentences of 100 dimensions take about a second (see
// bench/themes_algorithms_bench.cc).
//
// Thread safety: pure function, no shared state; call it from any thread.
#ifndef SIFT_REPORT_CLUSTERING_H_
#define SIFT_REPORT_CLUSTERING_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "sift/core/status.h"

namespace sift::report {

struct ClusterOptions {
  int min_k = 2;  // range of k tried; 2 <= min_k <= max_k
  int max_k = 8;
  std::uint64_t seed = 2019;     // seeds k-means++ and the samples
  int max_iterations = 30;       // Lloyd rounds per k-means run, >= 1
  int selection_sample = 20000;  // rows k-means sees while choosing k
  int silhouette_sample = 2000;  // rows the silhouette is measured on, >= 3
  double merge_cosine = 0.95;    // merge clusters with closer centroids
  int min_size = 5;  // distinct documents a sub-theme needs (MinSubThemeSize)
};

// The sub-theme size rule: max(0.1% of `responses`, rounded up, 5).
int MinSubThemeSize(std::int64_t responses);

struct Cluster {
  std::vector<std::size_t> members;  // row indices, ascending
  std::vector<float> centroid;       // unit mean of the members, dim floats
  std::size_t central = 0;  // the member closest to the centroid (ties: lowest)
  int documents = 0;        // distinct documents among the members
};

struct KScore {
  int k = 0;
  double silhouette = 0;  // in [-1, 1]
};

struct Clustering {
  std::vector<Cluster> clusters;  // largest first
  // Zero rows, and every row when no cluster passes the size gate; ascending.
  std::vector<std::size_t> unclustered;
  int chosen_k = 0;  // k picked in step 2 (1 when too few rows to choose)
  std::vector<KScore> scores;  // silhouette of every k tried, k ascending
};

// Clusters the rows of `vectors` (`dim` floats each, row after row).
// `documents` is empty (every row is its own document) or holds one id per
// row (the response or respondent a sentence came from) for the size gate.
// Empty input gives an empty Clustering. Fails with kInvalidArgument when
// sizes disagree or an option is out of range.
Result<Clustering> ClusterVectors(std::span<const float> vectors, int dim,
                                  std::span<const std::uint64_t> documents,
                                  const ClusterOptions& options);

}  // namespace sift::report

#endif  // SIFT_REPORT_CLUSTERING_H_
