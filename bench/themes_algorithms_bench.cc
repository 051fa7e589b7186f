// Timing of the theme-summary algorithms (sift/report) at consultation
// scale; prints one line per step. Not a test: run it by hand on a quiet
// machine.
//   build/bench/sift_themes_bench [ROWS]   (default 200000)
// Clustering: ROWS random unit vectors of 100 dimensions (no structure, the
// slow case: k-means runs all its rounds), and ROWS vectors around 6 planted
// directions. Quotes: MMR over ROWS candidates. Phrases: ROWS / 10 target
// sentences against ROWS background sentences of 20 tokens.
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "sift/report/clustering.h"
#include "sift/report/phrases.h"
#include "sift/report/quotes.h"

namespace {

constexpr int kDim = 100;

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

// Unit rows: pure noise when planted == 0, else noise around one of
// `planted` random directions.
std::vector<float> Vectors(std::size_t rows, int planted, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> normal(0, 1);
  std::vector<float> centres(static_cast<std::size_t>(planted) * kDim);
  for (float& v : centres) v = normal(rng);
  std::vector<float> out(rows * kDim);
  for (std::size_t i = 0; i < rows; ++i) {
    float* row = &out[i * kDim];
    double norm = 0;
    for (int j = 0; j < kDim; ++j) {
      row[j] = normal(rng) * (planted > 0 ? 0.08f : 1.0f);
      if (planted > 0) row[j] += centres[(i % planted) * kDim + j] * 0.1f;
      norm += row[j] * row[j];
    }
    for (int j = 0; j < kDim; ++j)
      row[j] /= static_cast<float>(std::sqrt(norm));
  }
  return out;
}

void BenchClustering(std::size_t rows, int planted) {
  const std::vector<float> vectors = Vectors(rows, planted, 1);
  const auto start = std::chrono::steady_clock::now();
  auto result = sift::report::ClusterVectors(vectors, kDim, {},
                                             sift::report::ClusterOptions());
  const double seconds = Seconds(start);
  if (!result.ok()) {
    std::fprintf(stderr, "%s\n", result.status().ToString().c_str());
    std::exit(1);
  }
  std::printf("cluster %zu x %d (%s): %.2f s, chosen k %d, %zu clusters\n",
              rows, kDim, planted > 0 ? "planted" : "random", seconds,
              result->chosen_k, result->clusters.size());
}

void BenchQuotes(std::size_t rows) {
  const std::vector<float> vectors = Vectors(rows, 6, 2);
  const std::string text = "Small firms in the county need faster broadband.";
  std::vector<sift::report::QuoteCandidate> candidates;
  for (std::size_t i = 0; i < rows; ++i) candidates.push_back({text, i});
  const auto start = std::chrono::steady_clock::now();
  auto chosen = sift::report::SelectQuotes(candidates, vectors, kDim, {},
                                           sift::report::QuoteOptions());
  std::printf("quotes from %zu candidates: %.2f s, %zu chosen\n", rows,
              Seconds(start), chosen.ok() ? chosen->size() : 0);
}

std::vector<sift::report::PhraseSentence> Sentences(std::size_t rows,
                                                    std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<sift::report::PhraseSentence> out(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    out[i].document = i / 3;
    for (int t = 0; t < 20; ++t) {
      // Zipf-ish vocabulary of 5,000 words.
      const std::uint64_t r = rng() % 5000;
      out[i].tokens.push_back(
          std::string("w").append(std::to_string(r * r / 5000)));
    }
  }
  return out;
}

void BenchPhrases(std::size_t rows) {
  const auto target = Sentences(rows / 10, 3);
  const auto background = Sentences(rows, 4);
  const auto start = std::chrono::steady_clock::now();
  auto phrases = sift::report::DistinctivePhrases(
      target, background, sift::report::PhraseOptions());
  std::printf("phrases %zu vs %zu sentences: %.2f s, %zu phrases\n",
              target.size(), background.size(), Seconds(start),
              phrases.ok() ? phrases->size() : 0);
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t rows =
      argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 200000;
  BenchClustering(rows, 0);
  BenchClustering(rows, 6);
  BenchQuotes(rows);
  BenchPhrases(rows);
  return 0;
}
