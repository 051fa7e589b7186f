#include "sift/report/clustering.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <set>
#include <vector>

#include "kmeans.h"  // report/src: the silhouette, tested directly

namespace sift::report {
namespace {

using Indices = std::vector<std::size_t>;
constexpr int kDim = 20;

// Unit-ish rows around axis directions, Gaussian noise per coordinate.
struct Data {
  std::vector<float> vectors;
  std::vector<int> truth;  // planted group per row
  std::size_t rows() const { return truth.size(); }
};

void AddGroup(Data* d, int axis, int count, double sigma, std::uint64_t seed,
              int label) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> noise(0, 1);
  for (int i = 0; i < count; ++i) {
    for (int j = 0; j < kDim; ++j) {
      d->vectors.push_back(
          static_cast<float>((j == axis ? 1.0 : 0.0) + sigma * noise(rng)));
    }
    d->truth.push_back(label);
  }
}

// Three well-separated groups of `per_group` rows, interleaved.
Data ThreeGroups(int per_group) {
  Data parts[3];
  for (int g = 0; g < 3; ++g) AddGroup(&parts[g], 5 * g, per_group, 0.15, g, g);
  Data d;
  for (int i = 0; i < per_group; ++i) {
    for (int g = 0; g < 3; ++g) {
      d.vectors.insert(d.vectors.end(), parts[g].vectors.begin() + i * kDim,
                       parts[g].vectors.begin() + (i + 1) * kDim);
      d.truth.push_back(g);
    }
  }
  return d;
}

Result<Clustering> ClusterData(const Data& d, const ClusterOptions& options,
                               std::vector<std::uint64_t> documents = {}) {
  return ClusterVectors(d.vectors, kDim, documents, options);
}

// Every row appears exactly once among the clusters and unclustered.
void ExpectPartition(const Clustering& c, std::size_t rows) {
  std::multiset<std::size_t> seen(c.unclustered.begin(), c.unclustered.end());
  for (const Cluster& cluster : c.clusters) {
    seen.insert(cluster.members.begin(), cluster.members.end());
    EXPECT_TRUE(std::is_sorted(cluster.members.begin(), cluster.members.end()));
    EXPECT_TRUE(std::binary_search(cluster.members.begin(),
                                   cluster.members.end(), cluster.central));
  }
  ASSERT_EQ(seen.size(), rows);
  std::size_t i = 0;
  for (std::size_t row : seen) EXPECT_EQ(row, i++);
}

// Each cluster holds exactly the rows of one planted group.
void ExpectRecovers(const Clustering& c, const Data& d, int groups) {
  ASSERT_EQ(c.clusters.size(), static_cast<std::size_t>(groups));
  std::set<int> labels;
  for (const Cluster& cluster : c.clusters) {
    const int label = d.truth[cluster.members.front()];
    labels.insert(label);
    for (std::size_t row : cluster.members) EXPECT_EQ(d.truth[row], label);
  }
  EXPECT_EQ(labels.size(), static_cast<std::size_t>(groups));
  ExpectPartition(c, d.rows());
}

TEST(SilhouetteTest, MatchesHandWorkedValues) {
  // Two pairs: within 0.1, across 0.9: every s(i) = (0.9 - 0.1) / 0.9.
  std::vector<float> d = {0,   0.1, 0.9, 0.9, 0.1, 0,   0.9, 0.9,
                          0.9, 0.9, 0,   0.1, 0.9, 0.9, 0.1, 0};
  EXPECT_NEAR(internal::MeanSilhouette(d, 4, {0, 0, 1, 1}, 2), 0.8 / 0.9, 1e-6);
  // p0, p1 together (0.2 apart), p2 alone (0.6 from p0, 1.0 from p1):
  // s0 = (0.6 - 0.2) / 0.6, s1 = (1.0 - 0.2) / 1.0, s2 = 0 (singleton).
  std::vector<float> e = {0, 0.2, 0.6, 0.2, 0, 1.0, 0.6, 1.0, 0};
  EXPECT_NEAR(internal::MeanSilhouette(e, 3, {0, 0, 1}, 2),
              (0.4 / 0.6 + 0.8) / 3, 1e-6);
}

TEST(ClusterVectorsTest, RecoversThreePlantedGroupsWithKThree) {
  const Data d = ThreeGroups(60);
  auto c = ClusterData(d, ClusterOptions());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->chosen_k, 3);
  ASSERT_EQ(c->scores.size(), 7u);  // k = 2..8
  for (const KScore& s : c->scores) {
    if (s.k != 3) {
      EXPECT_LT(s.silhouette, c->scores[1].silhouette) << s.k;
    }
  }
  ExpectRecovers(*c, d, 3);
  for (const Cluster& cluster : c->clusters) {
    EXPECT_EQ(cluster.members.size(), 60u);
    EXPECT_EQ(cluster.documents, 60);
    ASSERT_EQ(cluster.centroid.size(), static_cast<std::size_t>(kDim));
    double norm = 0;
    for (float v : cluster.centroid) norm += v * v;
    EXPECT_NEAR(norm, 1.0, 1e-5);
  }
}

TEST(ClusterVectorsTest, SameSeedSameResultAndSampledPathAgrees) {
  const Data d = ThreeGroups(200);
  ClusterOptions options;
  options.selection_sample = 120;  // choose k on a sample, then run on all
  options.silhouette_sample = 60;
  auto a = ClusterData(d, options);
  auto b = ClusterData(d, options);
  ASSERT_TRUE(a.ok() && b.ok());
  ExpectRecovers(*a, d, 3);
  ASSERT_EQ(a->clusters.size(), b->clusters.size());
  for (std::size_t i = 0; i < a->clusters.size(); ++i) {
    EXPECT_EQ(a->clusters[i].members, b->clusters[i].members);
    EXPECT_EQ(a->clusters[i].centroid, b->clusters[i].centroid);  // bitwise
    EXPECT_EQ(a->clusters[i].central, b->clusters[i].central);
  }
  ASSERT_EQ(a->scores.size(), b->scores.size());
  for (std::size_t i = 0; i < a->scores.size(); ++i) {
    EXPECT_EQ(a->scores[i].silhouette, b->scores[i].silhouette);
  }
  options.seed = 99;  // another seed still finds the planted structure
  auto other = ClusterData(d, options);
  ASSERT_TRUE(other.ok());
  ExpectRecovers(*other, d, 3);
}

TEST(ClusterVectorsTest, TinyClusterIsDissolvedIntoNeighbours) {
  Data d;
  AddGroup(&d, 0, 50, 0.15, 1, 0);
  AddGroup(&d, 5, 50, 0.15, 2, 1);
  AddGroup(&d, 10, 3, 0.05, 3, 2);  // three far-away, tight rows
  ClusterOptions options;
  options.min_size = 1;  // no gate: the tiny group is a cluster of its own
  auto ungated = ClusterData(d, options);
  ASSERT_TRUE(ungated.ok());

  ExpectRecovers(*ungated, d, 3);
  options.min_size = 5;
  auto gated = ClusterData(d, options);
  ASSERT_TRUE(gated.ok());
  ASSERT_EQ(gated->clusters.size(), 2u);
  ExpectPartition(*gated, d.rows());
  for (const Cluster& cluster : gated->clusters) {
    EXPECT_GE(cluster.documents, 5);
  }
}

TEST(ClusterVectorsTest, SizeGateCountsDistinctDocuments) {
  Data d;
  AddGroup(&d, 0, 40, 0.15, 1, 0);
  AddGroup(&d, 5, 40, 0.15, 2, 1);
  AddGroup(&d, 10, 20, 0.15, 3, 2);  // twenty sentences of one response
  std::vector<std::uint64_t> documents;
  for (std::uint64_t i = 0; i < 80; ++i) documents.push_back(i);
  documents.resize(100, 999);
  ClusterOptions options;
  options.min_size = 5;
  auto by_rows = ClusterData(d, options);
  ASSERT_TRUE(by_rows.ok());
  EXPECT_EQ(by_rows->clusters.size(), 3u);
  auto by_documents = ClusterData(d, options, documents);
  ASSERT_TRUE(by_documents.ok());
  EXPECT_EQ(by_documents->clusters.size(), 2u);
  ExpectPartition(*by_documents, d.rows());
}

TEST(ClusterVectorsTest, NearIdenticalCentroidsAreMerged) {
  Data d;
  AddGroup(&d, 0, 40, 0.03, 5, 0);  // one tight blob, forced into k = 2
  ClusterOptions options;
  options.min_k = options.max_k = 2;
  options.min_size = 1;
  options.merge_cosine = 1.0;  // merging off: k-means splits the blob
  auto split = ClusterData(d, options);
  ASSERT_TRUE(split.ok());
  EXPECT_EQ(split->clusters.size(), 2u);
  options.merge_cosine = 0.95;
  auto merged = ClusterData(d, options);
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->chosen_k, 2);
  ASSERT_EQ(merged->clusters.size(), 1u);
  EXPECT_EQ(merged->clusters[0].members.size(), 40u);
}

TEST(ClusterVectorsTest, FewerRowsThanK) {
  Data d;
  for (int axis : {0, 5, 10}) AddGroup(&d, axis, 1, 0.0, 1, axis);
  ClusterOptions options;
  options.min_size = 1;
  auto c = ClusterData(d, options);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->chosen_k, 2);  // k < rows for a silhouette
  EXPECT_EQ(c->clusters.size(), 2u);
  ExpectPartition(*c, 3);
  Data one;
  AddGroup(&one, 0, 1, 0.0, 1, 0);
  c = ClusterData(one, options);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->chosen_k, 1);
  ASSERT_EQ(c->clusters.size(), 1u);
  EXPECT_EQ(c->clusters[0].members, Indices{0});
  // Four rows can never make a sub-theme of five.
  Data four;
  AddGroup(&four, 0, 4, 0.1, 1, 0);
  c = ClusterData(four, ClusterOptions());
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->clusters.empty());
  EXPECT_EQ(c->unclustered, (Indices{0, 1, 2, 3}));
}

TEST(ClusterVectorsTest, EmptyInputZeroRowsAndBadArguments) {
  auto empty = ClusterVectors({}, kDim, {}, ClusterOptions());
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->clusters.empty());
  EXPECT_TRUE(empty->unclustered.empty());
  EXPECT_EQ(empty->chosen_k, 0);
  Data d = ThreeGroups(10);
  d.vectors.insert(d.vectors.begin(), kDim, 0.0f);  // a zero row 0
  d.truth.insert(d.truth.begin(), -1);
  auto c = ClusterData(d, ClusterOptions());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->unclustered, Indices{0});
  ExpectPartition(*c, d.rows());
  EXPECT_EQ(ClusterVectors(d.vectors, 7, {}, ClusterOptions()).status().code(),
            Status::Code::kInvalidArgument);
  std::vector<std::uint64_t> too_few = {1, 2};
  EXPECT_EQ(ClusterData(d, ClusterOptions(), too_few).status().code(),
            Status::Code::kInvalidArgument);
  ClusterOptions bad;
  bad.min_k = 1;
  EXPECT_EQ(ClusterData(d, bad).status().code(),
            Status::Code::kInvalidArgument);
}

TEST(MinSubThemeSizeTest, TenthOfAPercentButAtLeastFive) {
  EXPECT_EQ(MinSubThemeSize(0), 5);
  EXPECT_EQ(MinSubThemeSize(5000), 5);
  EXPECT_EQ(MinSubThemeSize(5001), 6);
  EXPECT_EQ(MinSubThemeSize(200000), 200);
}

}  // namespace
}  // namespace sift::report
