#include "kmeans.h"

#include <algorithm>
#include <limits>
#include <vector>

#include "vector_math.h"

namespace sift::report::internal {
namespace {

// k-means++ seeding on cosine distance: the first centre uniformly, each
// next one with probability proportional to its squared distance to the
// nearest centre so far. Stops early when every row coincides with a centre.
std::vector<float> Seed(const Matrix& x, int k, Rng* rng) {
  const int dim = x.dim;
  std::vector<float> centroids;
  centroids.reserve(static_cast<std::size_t>(k) * dim);
  std::size_t pick = rng->Below(x.rows);
  std::vector<double> d2(x.rows, std::numeric_limits<double>::infinity());
  for (int c = 0; c < k; ++c) {
    const float* centre = x.Row(pick);
    centroids.insert(centroids.end(), centre, centre + dim);
    if (c + 1 == k) break;
    double total = 0;
    for (std::size_t i = 0; i < x.rows; ++i) {
      const double d = std::max(0.0, 1.0 - Dot(x.Row(i), centre, dim));
      d2[i] = std::min(d2[i], d * d);
      total += d2[i];
    }
    if (!(total > 0)) break;
    const double target = rng->Uniform() * total;
    double cumulative = 0;
    pick = x.rows;
    for (std::size_t i = 0; i < x.rows; ++i) {
      if (d2[i] <= 0) continue;
      pick = i;  // the last candidate, should rounding leave target unmet
      cumulative += d2[i];
      if (cumulative > target) break;
    }
  }
  return centroids;
}

// Replaces each centroid by the unit mean of its rows. An empty cluster
// takes the row that fits its own centroid worst (lowest cosine), which then
// moves to it (k <= rows, so some cluster can spare one).
void UpdateCentroids(const Matrix& x, int k, std::vector<int>* labels,
                     std::vector<float>* centroids) {
  const int dim = x.dim;
  std::vector<double> sums(static_cast<std::size_t>(k) * dim, 0.0);
  std::vector<std::size_t> sizes(k, 0);
  for (std::size_t i = 0; i < x.rows; ++i) {
    const int c = (*labels)[i];
    ++sizes[c];
    const float* row = x.Row(i);
    for (int j = 0; j < dim; ++j) sums[c * dim + j] += row[j];
  }
  for (int c = 0; c < k; ++c) {
    if (sizes[c] == 0) {
      std::size_t worst = 0;
      float worst_cos = std::numeric_limits<float>::infinity();
      for (std::size_t i = 0; i < x.rows; ++i) {
        if (sizes[(*labels)[i]] <= 1) continue;
        const float cos = Dot(x.Row(i), &(*centroids)[(*labels)[i] * dim], dim);
        if (cos < worst_cos) {
          worst_cos = cos;
          worst = i;
        }
      }
      --sizes[(*labels)[worst]];
      (*labels)[worst] = c;
      sizes[c] = 1;
      std::copy(x.Row(worst), x.Row(worst) + dim, &(*centroids)[c * dim]);
      continue;
    }
    float* centroid = &(*centroids)[c * dim];
    for (int j = 0; j < dim; ++j)
      centroid[j] = static_cast<float>(sums[c * dim + j]);
    NormalizeInPlace(centroid, dim);
  }
}

}  // namespace

void Assign(const Matrix& x, const std::vector<float>& centroids, int k,
            std::vector<int>* labels) {
  labels->resize(x.rows);
  for (std::size_t i = 0; i < x.rows; ++i) {
    const float* row = x.Row(i);
    int best = 0;
    float best_score = Dot(row, centroids.data(), x.dim);
    for (int c = 1; c < k; ++c) {
      const float score = Dot(row, &centroids[c * x.dim], x.dim);
      if (score > best_score) {
        best_score = score;
        best = c;
      }
    }
    (*labels)[i] = best;
  }
}

KMeansResult SphericalKMeans(const Matrix& x, int k, int max_iterations,
                             std::uint64_t seed) {
  Rng rng(seed);
  KMeansResult result;
  result.centroids = Seed(x, k, &rng);
  result.k = static_cast<int>(result.centroids.size() / x.dim);
  Assign(x, result.centroids, result.k, &result.labels);
  std::vector<int> previous;
  for (int iteration = 0; iteration < max_iterations; ++iteration) {
    UpdateCentroids(x, result.k, &result.labels, &result.centroids);
    previous = result.labels;
    Assign(x, result.centroids, result.k, &result.labels);
    if (result.labels == previous) break;
  }
  return result;
}

std::vector<float> PairwiseDistances(const Matrix& x, std::size_t n) {
  std::vector<float> d(n * n, 0.0f);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const float v = std::max(0.0f, 1.0f - Dot(x.Row(i), x.Row(j), x.dim));
      d[i * n + j] = v;
      d[j * n + i] = v;
    }
  }
  return d;
}

double MeanSilhouette(const std::vector<float>& distances, std::size_t n,
                      const std::vector<int>& labels, int k) {
  if (n == 0) return 0;
  std::vector<std::size_t> sizes(k, 0);
  for (std::size_t i = 0; i < n; ++i) ++sizes[labels[i]];
  std::vector<double> sums(k);
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const int own = labels[i];
    if (sizes[own] <= 1) continue;  // s(i) = 0
    std::fill(sums.begin(), sums.end(), 0.0);
    const float* row = &distances[i * n];
    for (std::size_t j = 0; j < n; ++j) sums[labels[j]] += row[j];
    const double a = sums[own] / static_cast<double>(sizes[own] - 1);
    double b = std::numeric_limits<double>::infinity();
    for (int c = 0; c < k; ++c) {
      if (c != own && sizes[c] > 0) b = std::min(b, sums[c] / sizes[c]);
    }
    if (b == std::numeric_limits<double>::infinity()) continue;
    const double denominator = std::max(a, b);
    if (denominator > 0) total += (b - a) / denominator;
  }
  return total / static_cast<double>(n);
}

}  // namespace sift::report::internal
