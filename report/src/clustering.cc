#include "sift/report/clustering.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>
#include <vector>

#include "kmeans.h"
#include "vector_math.h"

namespace sift::report {
namespace {

using internal::Dot;
using internal::KMeansResult;
using internal::Matrix;
using internal::NormalizeInPlace;
using internal::Rng;

Status Validate(std::size_t values, int dim, std::size_t documents,
                const ClusterOptions& o) {
  if (dim <= 0 || values % static_cast<std::size_t>(dim) != 0) {
    return Status::InvalidArgument(
        "cluster vectors must hold dim > 0 floats per row");
  }
  if (documents != 0 && documents != values / dim) {
    return Status::InvalidArgument(
        "cluster documents must be empty or hold one id per row");
  }
  if (o.min_k < 2 || o.max_k < o.min_k || o.max_iterations < 1 ||
      o.selection_sample < 3 || o.silhouette_sample < 3 || o.min_size < 1 ||
      !(o.merge_cosine > -1 && o.merge_cosine <= 1)) {
    return Status::InvalidArgument(
        "cluster options: 2 <= min_k <= max_k, max_iterations >= 1, samples "
        ">= 3, min_size >= 1, merge_cosine in (-1, 1]");
  }
  return Status::Ok();
}

// The unit non-zero rows, compacted; `rows` maps them back.
struct Prepared {
  std::vector<float> unit;
  std::vector<std::size_t> rows;
  std::vector<std::size_t> zero_rows;
};

Prepared Prepare(std::span<const float> vectors, int dim) {
  Prepared p;
  const std::size_t n = vectors.size() / dim;
  p.unit.reserve(vectors.size());
  for (std::size_t i = 0; i < n; ++i) {
    p.unit.insert(p.unit.end(), vectors.begin() + i * dim,
                  vectors.begin() + (i + 1) * dim);
    if (NormalizeInPlace(&p.unit[p.unit.size() - dim], dim)) {
      p.rows.push_back(i);
    } else {
      p.unit.resize(p.unit.size() - dim);
      p.zero_rows.push_back(i);
    }
  }
  return p;
}

std::uint64_t SeedFor(std::uint64_t seed, int k) {
  return seed ^ (0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(k + 1));
}

// Step 2 of the header: labels of every row under the chosen k.
KMeansResult ChooseK(const Matrix& all, const ClusterOptions& o,
                     Clustering* out) {
  const std::size_t m = all.rows;
  const int dim = all.dim;
  Rng rng(o.seed);
  std::vector<std::size_t> perm(m);
  std::iota(perm.begin(), perm.end(), std::size_t{0});
  for (std::size_t i = m; i > 1; --i)
    std::swap(perm[i - 1], perm[rng.Below(i)]);
  const std::size_t p = std::min<std::size_t>(m, o.selection_sample);
  std::vector<float> data(p * dim);
  for (std::size_t i = 0; i < p; ++i) {
    std::copy(all.Row(perm[i]), all.Row(perm[i]) + dim, &data[i * dim]);
  }
  const Matrix sample{data.data(), p, dim};
  const std::size_t s = std::min<std::size_t>(p, o.silhouette_sample);
  const std::size_t k_hi = std::min({static_cast<std::size_t>(o.max_k), s - 1,
                                     m / static_cast<std::size_t>(o.min_size)});
  KMeansResult best;
  if (k_hi < 2) {
    out->chosen_k = 1;
    return internal::SphericalKMeans(all, 1, 1, o.seed);
  }
  const int k_lo = std::min(o.min_k, static_cast<int>(k_hi));
  const std::vector<float> distances = internal::PairwiseDistances(sample, s);
  double best_score = -std::numeric_limits<double>::infinity();
  for (int k = k_lo; k <= static_cast<int>(k_hi); ++k) {
    KMeansResult run = internal::SphericalKMeans(sample, k, o.max_iterations,
                                                 SeedFor(o.seed, k));
    const double score =
        internal::MeanSilhouette(distances, s, run.labels, run.k);
    out->scores.push_back(KScore{k, score});
    if (score > best_score) {
      best_score = score;
      best = std::move(run);
      out->chosen_k = k;
    }
  }
  if (p < m) {
    return internal::SphericalKMeans(all, out->chosen_k, o.max_iterations,
                                     SeedFor(o.seed, out->chosen_k));
  }
  std::vector<int> labels(m);
  for (std::size_t i = 0; i < m; ++i) labels[perm[i]] = best.labels[i];
  best.labels = std::move(labels);
  return best;
}

struct Group {
  std::vector<std::size_t> members;  // compact rows
  std::vector<float> centroid;
};

void Recentre(const Matrix& x, Group* g) {
  std::vector<double> sum(x.dim, 0.0);
  for (std::size_t i : g->members) {
    for (int j = 0; j < x.dim; ++j) sum[j] += x.Row(i)[j];
  }
  g->centroid.assign(sum.begin(), sum.end());
  NormalizeInPlace(g->centroid.data(), x.dim);
}

// Merges the closest pair of centroids while its cosine exceeds `threshold`.
void MergeClose(const Matrix& x, double threshold, std::vector<Group>* groups) {
  for (;;) {
    std::size_t bi = 0, bj = 0;
    double best = threshold;
    for (std::size_t i = 0; i < groups->size(); ++i) {
      for (std::size_t j = i + 1; j < groups->size(); ++j) {
        const double cos = Dot((*groups)[i].centroid.data(),
                               (*groups)[j].centroid.data(), x.dim);
        if (cos > best) {
          best = cos;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi == bj) return;
    Group& into = (*groups)[bi];
    const std::vector<std::size_t>& from = (*groups)[bj].members;
    into.members.insert(into.members.end(), from.begin(), from.end());
    std::sort(into.members.begin(), into.members.end());
    Recentre(x, &into);
    groups->erase(groups->begin() + bj);
  }
}

int DistinctDocuments(const std::vector<std::size_t>& members,
                      const std::vector<std::size_t>& rows,
                      std::span<const std::uint64_t> documents) {
  if (documents.empty()) return static_cast<int>(members.size());
  std::vector<std::uint64_t> ids;
  ids.reserve(members.size());
  for (std::size_t i : members) ids.push_back(documents[rows[i]]);
  std::sort(ids.begin(), ids.end());
  return static_cast<int>(std::unique(ids.begin(), ids.end()) - ids.begin());
}

// Dissolves, smallest first, groups under `min_size` distinct documents;
// their rows join the nearest remaining centroid.
void DissolveSmall(const Matrix& x, int min_size,
                   const std::vector<std::size_t>& rows,
                   std::span<const std::uint64_t> documents,
                   std::vector<Group>* groups) {
  while (!groups->empty()) {
    std::size_t victim = groups->size();
    int victim_docs = min_size;
    for (std::size_t g = 0; g < groups->size(); ++g) {
      const int docs = DistinctDocuments((*groups)[g].members, rows, documents);
      if (docs < victim_docs ||
          (docs == victim_docs && victim < groups->size() &&
           (*groups)[g].members.size() <= (*groups)[victim].members.size())) {
        victim = g;
        victim_docs = docs;
      }
    }
    if (victim == groups->size()) return;
    const std::vector<std::size_t> orphans =
        std::move((*groups)[victim].members);
    groups->erase(groups->begin() + victim);
    for (std::size_t i : orphans) {
      std::size_t nearest = 0;
      float best = -std::numeric_limits<float>::infinity();
      for (std::size_t g = 0; g < groups->size(); ++g) {
        const float cos = Dot(x.Row(i), (*groups)[g].centroid.data(), x.dim);
        if (cos > best) {
          best = cos;
          nearest = g;
        }
      }
      if (!groups->empty()) (*groups)[nearest].members.push_back(i);
    }
    for (Group& g : *groups) {
      std::sort(g.members.begin(), g.members.end());
      Recentre(x, &g);
    }
  }
}

Cluster ToCluster(const Matrix& x, const Group& g,
                  const std::vector<std::size_t>& rows,
                  std::span<const std::uint64_t> documents) {
  Cluster c;
  c.centroid = g.centroid;
  c.documents = DistinctDocuments(g.members, rows, documents);
  float best = -std::numeric_limits<float>::infinity();
  for (std::size_t i : g.members) {
    c.members.push_back(rows[i]);
    const float cos = Dot(x.Row(i), g.centroid.data(), x.dim);
    if (cos > best) {
      best = cos;
      c.central = rows[i];
    }
  }
  return c;
}

}  // namespace

int MinSubThemeSize(std::int64_t responses) {
  const std::int64_t tenth_percent =
      (std::max<std::int64_t>(responses, 0) + 999) / 1000;
  return static_cast<int>(std::max<std::int64_t>(tenth_percent, 5));
}

Result<Clustering> ClusterVectors(std::span<const float> vectors, int dim,
                                  std::span<const std::uint64_t> documents,
                                  const ClusterOptions& options) {
  SIFT_RETURN_IF_ERROR(
      Validate(vectors.size(), dim, documents.size(), options));
  Clustering out;
  const Prepared p = Prepare(vectors, dim);
  out.unclustered = p.zero_rows;
  if (p.rows.empty()) return out;
  const Matrix x{p.unit.data(), p.rows.size(), dim};
  const KMeansResult run = ChooseK(x, options, &out);
  std::vector<Group> groups(run.k);
  for (std::size_t i = 0; i < x.rows; ++i)
    groups[run.labels[i]].members.push_back(i);
  std::erase_if(groups, [](const Group& g) { return g.members.empty(); });
  for (Group& g : groups) Recentre(x, &g);
  MergeClose(x, options.merge_cosine, &groups);
  DissolveSmall(x, options.min_size, p.rows, documents, &groups);
  if (groups.empty()) {
    out.unclustered.insert(out.unclustered.end(), p.rows.begin(), p.rows.end());
    std::sort(out.unclustered.begin(), out.unclustered.end());
    return out;
  }
  for (const Group& g : groups)
    out.clusters.push_back(ToCluster(x, g, p.rows, documents));
  std::sort(out.clusters.begin(), out.clusters.end(),
            [](const Cluster& a, const Cluster& b) {
              if (a.members.size() != b.members.size()) {
                return a.members.size() > b.members.size();
              }
              return a.members.front() < b.members.front();
            });
  return out;
}

}  // namespace sift::report
