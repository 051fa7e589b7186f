// Malformed input for sift::nlp::ConvertWinkEmbeddings and WordVectors::Load:
// JSON that is not the package's layout, and tables damaged byte by byte.
// Every case is an error naming the file and the reason, never a crash.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "sift/nlp/word_vectors.h"
#include "test_util.h"
#include "word_vectors_fixture.h"

namespace sift::nlp {
namespace {

using ::sift::testing::ReadFile;
using ::sift::testing::TempDir;
using ::sift::testing::WriteFile;
using Json = nlohmann::json;

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

}  // namespace
}  // namespace sift::nlp
