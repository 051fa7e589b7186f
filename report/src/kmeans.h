// Internal building blocks of sift/report/clustering.h: a portable random
// source, spherical k-means with k-means++ seeding, and the silhouette.
// All work on a compact row-major matrix of unit vectors.
#ifndef SIFT_REPORT_KMEANS_H_
#define SIFT_REPORT_KMEANS_H_

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace sift::report::internal {

// std::mt19937_64's output sequence is fixed by the standard; the
// std::uniform_*_distribution adaptors are not, so draws are made here.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  // Uniform in [0, 1), 53 random bits.
  double Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  // Uniform in [0, n), up to a modulo bias below n / 2^64. REQUIRES: n > 0.
  std::size_t Below(std::size_t n) { return engine_() % n; }

 private:
  std::mt19937_64 engine_;
};

// A row-major matrix of `rows` unit vectors of `dim` floats.
struct Matrix {
  const float* data = nullptr;
  std::size_t rows = 0;
  int dim = 0;
  const float* Row(std::size_t i) const { return data + i * dim; }
};

struct KMeansResult {
  int k = 0;                     // centroids found (< requested when the data
                                 // has fewer distinct points)
  std::vector<float> centroids;  // k * dim, unit
  std::vector<int> labels;       // per row, in [0, k)
};

// Spherical k-means (assign by highest cosine, centroid = unit mean) from
// k-means++ seeds drawn with `seed`. REQUIRES: 1 <= k <= x.rows.
KMeansResult SphericalKMeans(const Matrix& x, int k, int max_iterations,
                             std::uint64_t seed);

// Labels each row with its nearest of the `k` unit centroids (ties: lower).
void Assign(const Matrix& x, const std::vector<float>& centroids, int k,
            std::vector<int>* labels);

// Cosine distances 1 - cos between the first `n` rows, n * n floats.
std::vector<float> PairwiseDistances(const Matrix& x, std::size_t n);

// Mean silhouette of the first n rows labelled `labels` (labels.size() >= n,
// values in [0, k)) given their n * n `distances`. A point alone in its
// cluster scores 0 (Rousseeuw's convention).
double MeanSilhouette(const std::vector<float>& distances, std::size_t n,
                      const std::vector<int>& labels, int k);

}  // namespace sift::report::internal

#endif  // SIFT_REPORT_KMEANS_H_
