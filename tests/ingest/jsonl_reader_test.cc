// Tests for the JSON Lines RecordReader, driven through OpenRecordReader().
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "ingest/reader_test_util.h"
#include "sift/ingest/record_reader.h"
#include "test_util.h"

namespace sift::ingest {
namespace {

using Kind = ReadItem::Kind;
using Strings = std::vector<std::string>;
using ::sift::testing::ReadAll;
using ::sift::testing::TempDir;
using ::sift::testing::WriteFile;

class JsonlReaderTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& bytes,
                    const std::string& ext = "jsonl") {
    std::string name = "f";
    name.append(std::to_string(++files_)).append(".").append(ext);
    return WriteFile(dir_.file(name), bytes);
  }
  std::unique_ptr<RecordReader> Open(const std::string& bytes) {
    auto reader = OpenRecordReader(Write(bytes), {});
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    return reader.ok() ? std::move(reader).value() : nullptr;
  }

  TempDir dir_;
  int files_ = 0;
};

TEST_F(JsonlReaderTest, KeysBecomeColumnsInFirstSeenOrder) {
  auto reader = Open(
      "{\"text\": \"first\", \"id\": \"a\"}\n"
      "{\"id\": \"b\", \"zeta\": \"z\", \"text\": \"second\", \"alpha\": "
      "\"x\"}\n"
      "{\"alpha\": \"y\"}\n");
  ASSERT_NE(reader, nullptr);
  std::vector<ReadItem> items = ReadAll(reader.get());
  EXPECT_EQ(reader->columns(), (Strings{"text", "id", "zeta", "alpha"}));
  ASSERT_EQ(items.size(), 3u);
  // Earlier records keep the width they had when read.
  EXPECT_EQ(items[0].values, (Strings{"first", "a"}));
  EXPECT_EQ(items[1].values, (Strings{"second", "b", "z", "x"}));
  EXPECT_EQ(items[2].values, (Strings{"", "", "", "y"}));
  EXPECT_EQ(items[0].line, 1);
  EXPECT_EQ(items[2].line, 3);
}

TEST_F(JsonlReaderTest, NonStringValuesRendered) {
  struct Case {
    const char* json;
    std::string want;
  };
  const Case cases[] = {
      {"42", "42"},
      {"-3.5", "-3.5"},
      {"1e3", "1000.0"},
      {"true", "true"},
      {"false", "false"},
      {"null", ""},
      {"\"\"", ""},
      {"[1, \"two\", null]", "[1,\"two\",null]"},
      {"{\"b\": 1, \"a\": [true]}", "{\"b\":1,\"a\":[true]}"},
      {"\"caf\\u00e9 \\ud83d\\ude00\"", "caf\xC3\xA9 \xF0\x9F\x98\x80"},
      {"\"line\\nbreak \\\"q\\\"\"", "line\nbreak \"q\""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    auto reader = Open(std::string("{\"v\": ") + c.json + "}\n");
    ASSERT_NE(reader, nullptr);
    std::vector<ReadItem> items = ReadAll(reader.get());
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].values, (Strings{c.want}));
  }
}

TEST_F(JsonlReaderTest, BlankLinesSkippedAndBadLinesRejected) {
  auto reader = Open(
      "{\"id\": 1}\n"        // 1
      "\n"                   // 2
      "   \r\n"              // 3
      "{\"id\": 2,}\n"       // 4
      "[1, 2]\n"             // 5
      "\"just a string\"\n"  // 6
      "{\"id\": 3}\r\n"      // 7
      "not json at all\n"    // 8
      "\n"                   // 9
      "{\"id\": 4}");        // 10, no final line break
  ASSERT_NE(reader, nullptr);
  std::vector<ReadItem> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 7u);
  struct Want {
    Kind kind;
    std::int64_t line;
    std::string value_or_reason;
  };
  const Want want[] = {
      {Kind::kRecord, 1, "1"},
      {Kind::kRejected, 4, "not valid JSON"},
      {Kind::kRejected, 5, "line is not a JSON object"},
      {Kind::kRejected, 6, "line is not a JSON object"},
      {Kind::kRecord, 7, "3"},
      {Kind::kRejected, 8, "not valid JSON"},
      {Kind::kRecord, 10, "4"},
  };
  for (std::size_t i = 0; i < items.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(items[i].kind, want[i].kind);
    EXPECT_EQ(items[i].line, want[i].line);
    if (want[i].kind == Kind::kRecord) {
      EXPECT_EQ(items[i].values, (Strings{want[i].value_or_reason}));
    } else {
      EXPECT_EQ(items[i].reason, want[i].value_or_reason);
      EXPECT_TRUE(items[i].values.empty());
    }
  }
}

TEST_F(JsonlReaderTest, JsonArrayFileIsAnError) {
  for (std::string ext : {"json", "jsonl"}) {
    std::string path = Write("  \n[{\"id\": 1},\n {\"id\": 2}]\n", ext);
    auto reader = OpenRecordReader(path, {});
    ASSERT_FALSE(reader.ok());
    EXPECT_EQ(reader.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(reader.status().message().find(path), std::string::npos);
    EXPECT_NE(reader.status().message().find("JSON array"), std::string::npos)
        << reader.status().message();
  }
}

TEST_F(JsonlReaderTest, InvalidUtf8InStringRepaired) {
  auto reader = Open(
      "{\"text\": \"caf\xE9 \x93quoted\x94\"}\n"
      "{\"text\": \"ok \xC3\xA9\"}\n");
  ASSERT_NE(reader, nullptr);
  std::vector<ReadItem> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 2u);
  ASSERT_EQ(items[0].kind, Kind::kRecord);
  EXPECT_EQ(items[0].values,
            (Strings{"caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D"}));
  EXPECT_EQ(items[1].values, (Strings{"ok \xC3\xA9"}));
  EXPECT_EQ(reader->decode_stats().repaired_values, 1);
  EXPECT_EQ(reader->decode_stats().legacy_encoding, "windows-1252");
}

TEST_F(JsonlReaderTest, EmptyFileHasNoRecords) {
  auto reader = Open("");
  ASSERT_NE(reader, nullptr);
  EXPECT_TRUE(ReadAll(reader.get()).empty());
  EXPECT_TRUE(reader->columns().empty());
}

TEST_F(JsonlReaderTest, MissingFileIsNotFound) {
  std::string path = dir_.file("missing.jsonl");
  auto reader = OpenRecordReader(path, {});
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), Status::Code::kNotFound);
  EXPECT_NE(reader.status().message().find(path), std::string::npos);
}

TEST_F(JsonlReaderTest, OversizedLineRejected) {
  ReaderOptions options;
  options.max_record_bytes = 32;
  std::string path =
      Write("{\"t\": \"" + std::string(40, 'x') + "\"}\n{\"t\": \"ok\"}\n");
  auto reader = OpenRecordReader(path, options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  std::vector<ReadItem> items = ReadAll(reader->get());
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].kind, Kind::kRejected);
  EXPECT_EQ(items[0].reason, "record larger than 32 bytes");
  EXPECT_EQ(items[1].kind, Kind::kRecord);
  EXPECT_EQ(items[1].line, 2);
  EXPECT_EQ(items[1].values, (Strings{"ok"}));
}

}  // namespace
}  // namespace sift::ingest
