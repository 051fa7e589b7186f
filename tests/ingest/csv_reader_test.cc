// Tests for the CSV RecordReader, driven through OpenRecordReader().
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "ingest/reader_test_util.h"
#include "readers.h"
#include "sift/ingest/record_reader.h"
#include "test_util.h"
#include "text_source.h"

namespace sift::ingest {
namespace {

using Kind = ReadItem::Kind;
using Strings = std::vector<std::string>;
using ::sift::testing::ReadAll;
using ::sift::testing::TempDir;
using ::sift::testing::WriteFile;

class CsvReaderTest : public ::testing::Test {
 protected:
  // Writes `bytes` to a fresh file and opens it; fails the test on error.
  std::unique_ptr<RecordReader> Open(const std::string& bytes,
                                     const ReaderOptions& options = {}) {
    std::string name = std::to_string(++files_);
    name += ".csv";  // (not "f" + ...: GCC 12 warns falsely, -Wrestrict)
    std::string path = WriteFile(dir_.file(name), bytes);
    auto reader = OpenRecordReader(path, options);
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    return reader.ok() ? std::move(reader).value() : nullptr;
  }

  TempDir dir_;
  int files_ = 0;
};

// A compact, comparable rendering of an item: "12: a|b" or "12! reason".
std::string Show(const ReadItem& item) {
  std::string s = std::to_string(item.line);
  if (item.kind == Kind::kRejected) return s + "! " + item.reason;
  s += ":";
  for (std::size_t i = 0; i < item.values.size(); ++i) {
    s += (i == 0 ? " " : "|") + item.values[i];
  }
  return s;
}

Strings ShowAll(RecordReader* reader) {
  Strings out;
  for (const ReadItem& item : ReadAll(reader)) out.push_back(Show(item));
  return out;
}

TEST_F(CsvReaderTest, QuotedFieldsWithCommasQuotesAndNewlines) {
  auto reader = Open(
      "id,text,note\n"
      "1,\"Hello, world\",\"She said \"\"hi\"\"\"\n"
      "2,\"line one\nline two\",\"\"\n"
      "3,plain,\"a,b,\"\"c\"\"\"\n");
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->columns(), (Strings{"id", "text", "note"}));
  std::vector<ReadItem> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].values, (Strings{"1", "Hello, world", "She said \"hi\""}));
  EXPECT_EQ(items[1].values, (Strings{"2", "line one\nline two", ""}));
  EXPECT_EQ(items[2].values, (Strings{"3", "plain", "a,b,\"c\""}));
  EXPECT_EQ(items[0].line, 2);
  EXPECT_EQ(items[1].line, 3);
  EXPECT_EQ(items[2].line, 5);
}

TEST_F(CsvReaderTest, LineEndings) {
  for (std::string eol : {"\n", "\r\n"}) {
    SCOPED_TRACE(eol == "\n" ? "LF" : "CRLF");
    auto reader = Open("id,text" + eol + "1,one" + eol + "2,\"a" + eol + "b\"" +
                       eol + "3,last");  // no final line break
    ASSERT_NE(reader, nullptr);
    EXPECT_EQ(reader->columns(), (Strings{"id", "text"}));
    EXPECT_EQ(ShowAll(reader.get()),
              (Strings{"2: 1|one", "3: 2|a" + eol + "b", "5: 3|last"}));
  }
}

TEST_F(CsvReaderTest, BareCarriageReturnEndsLines) {
  auto reader = Open("id,text\r1,one\r2,\"a\rb\"\r\r3,three\r");
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->columns(), (Strings{"id", "text"}));
  EXPECT_EQ(ShowAll(reader.get()),
            (Strings{"2: 1|one", "3: 2|a\rb", "6: 3|three"}));
}

TEST_F(CsvReaderTest, Utf8ByteOrderMarkIsStripped) {
  auto reader = Open("\xEF\xBB\xBFid,text\r\n1,caf\xC3\xA9\r\n");
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->columns(), (Strings{"id", "text"}));
  EXPECT_EQ(ShowAll(reader.get()), (Strings{"2: 1|caf\xC3\xA9"}));
  EXPECT_EQ(reader->decode_stats().source_encoding, "UTF-8 (BOM)");
  EXPECT_EQ(reader->decode_stats().repaired_values, 0);
}

TEST_F(CsvReaderTest, SniffsDelimiter) {
  struct Case {
    const char* name;
    std::string file;
    Strings columns;
    Strings rows;
  };
  const Case cases[] = {
      {"comma", "a,b,c\n1,2;3,4\n", {"a", "b", "c"}, {"2: 1|2;3|4"}},
      {"semicolon", "a;b;c\n1;2,5;3\n", {"a", "b", "c"}, {"2: 1|2,5|3"}},
      {"tab", "a\tb\tc\n1\t2, 3\t4\n", {"a", "b", "c"}, {"2: 1|2, 3|4"}},
      {"quoted header with ; and tab",
       "\"x;y;z\",\"p\tq\tr\",c\n1,2,3\n",
       {"x;y;z", "p\tq\tr", "c"},
       {"2: 1|2|3"}},
      {"quoted header with commas",
       "\"Q1, Q2, Q3\";\"a,b\";c\n1;2;3\n",
       {"Q1, Q2, Q3", "a,b", "c"},
       {"2: 1|2|3"}},
      {"single column", "text\nhello\n", {"text"}, {"2: hello"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto reader = Open(c.file);
    ASSERT_NE(reader, nullptr);
    EXPECT_EQ(reader->columns(), c.columns);
    EXPECT_EQ(ShowAll(reader.get()), c.rows);
  }
  EXPECT_EQ(SniffDelimiter("a;b,c;d\n,,,,,,\n"), ';');  // first line only
  EXPECT_EQ(SniffDelimiter(""), ',');
}

TEST_F(CsvReaderTest, ExplicitDelimiterOverridesSniffing) {
  ReaderOptions options;
  options.delimiter = ';';
  auto reader = Open("a,b,c;d\n1,2,3;4\n", options);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->columns(), (Strings{"a,b,c", "d"}));
  EXPECT_EQ(ShowAll(reader.get()), (Strings{"2: 1,2,3|4"}));
}

TEST_F(CsvReaderTest, LineIsWhereEachRecordStarts) {
  auto reader = Open(
      "id,text\n"   // 1
      "1,one\n"     // 2
      "2,\"two\n"   // 3
      "\n"          // 4 (inside the quoted field)
      "lines\"\n"   // 5
      "\n"          // 6
      "3,three\n"   // 7
      "  \n"        // 8
      "\r\n"        // 9
      "4,four\n");  // 10
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(ShowAll(reader.get()), (Strings{"2: 1|one", "3: 2|two\n\nlines",
                                            "7: 3|three", "10: 4|four"}));
}

TEST_F(CsvReaderTest, WrongFieldCountRejectedAndReadingContinues) {
  auto reader = Open(
      "id,text,extra\n"
      "1,a,b\n"
      "2,a\n"
      "3,a,b,c\n"
      "4,a,b,,\n"
      "5,a,b, \n"
      "6,a,b\n");
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(ShowAll(reader.get()),
            (Strings{"2: 1|a|b", "3! row has 2 fields, header has 3",
                     "4! row has 4 fields, header has 3", "5: 4|a|b",
                     "6: 5|a|b", "7: 6|a|b"}));
}

TEST_F(CsvReaderTest, UnterminatedQuoteCostsOneRecord) {
  auto reader = Open(
      "id,text\n"
      "1,fine\n"
      "2,\"never closed\n"
      "3,still read\n"
      "4,and this\n");
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(ShowAll(reader.get()),
            (Strings{"2: 1|fine", "3! quoted field never closed",
                     "4: 3|still read", "5: 4|and this"}));
}

TEST_F(CsvReaderTest, OpenQuoteRunningIntoQuotedRowsCostsOneRecord) {
  auto reader = Open(
      "id,text,n\n"
      "1,\"opened, never closed,9\n"
      "2,\"quoted, fine\",8\n"
      "3,\"also \"\"fine\"\"\",7\n");
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(ShowAll(reader.get()),
            (Strings{"2! quoted field not closed before the next row (the "
                     "lines after it are read again)",
                     "3: 2|quoted, fine|8", "4: 3|also \"fine\"|7"}));
}

TEST_F(CsvReaderTest, MultiLineRecordWithWrongFieldCountIsSplit) {
  // The quote opened on line 2 closes on line 3 with valid syntax, but the
  // record then has 4 fields: line 2 is rejected and line 3 read again.
  auto reader = Open("id,text,n\n1,\"open,9\nmore text\",7,extra\n");
  ASSERT_NE(reader, nullptr);
  Strings items = ShowAll(reader.get());
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].rfind("2! row has 4 fields, header has 3 (a quote", 0), 0u)
      << items[0];
  EXPECT_EQ(items[1], "3: more text\"|7|extra");
}

TEST_F(CsvReaderTest, StrayQuotesOnOneLineAreKeptAsText) {
  auto reader = Open(
      "id,text\n"
      "1,he is 5'10\" tall\n"
      "2,\"she said \"hi\" twice\"\n"
      "3,after\n");
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(ShowAll(reader.get()),
            (Strings{"2: 1|he is 5'10\" tall", "3: 2|she said \"hi\" twice",
                     "4: 3|after"}));
}

TEST_F(CsvReaderTest, UnterminatedQuoteOnLastLine) {
  auto reader = Open("id,text\n1,fine\n2,\"oops");
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(ShowAll(reader.get()),
            (Strings{"2: 1|fine", "3! quoted field never closed"}));
}

TEST_F(CsvReaderTest, OversizedSingleLineRecordRejected) {
  ReaderOptions options;
  options.max_record_bytes = 64;
  auto reader = Open(
      "id,text\n1,short\n2," + std::string(100, 'x') + "\n3,after\n", options);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(ShowAll(reader.get()),
            (Strings{"2: 1|short",
                     "3! record larger than 64 bytes (a quote left open?)",
                     "4: 3|after"}));
}

TEST_F(CsvReaderTest, OpenQuoteSwallowingLinesIsCutAtTheLimit) {
  ReaderOptions options;
  options.max_record_bytes = 40;
  std::string file = "id,text\n1,\"open quote\n";
  for (int i = 2; i <= 6; ++i) {
    file += std::to_string(i) + ",row " + std::to_string(i) + "\n";
  }
  auto reader = Open(file, options);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(ShowAll(reader.get()),
            (Strings{"2! record larger than 40 bytes (a quote left open?)",
                     "3: 2|row 2", "4: 3|row 3", "5: 4|row 4", "6: 5|row 5",
                     "7: 6|row 6"}));
}

TEST_F(CsvReaderTest, EmptyFileIsAnErrorNamingThePath) {
  for (std::string bytes : {"", "\xEF\xBB\xBF", "\n\n  \n"}) {
    std::string path = WriteFile(
        dir_.file("empty" + std::to_string(++files_) + ".csv"), bytes);
    auto reader = OpenRecordReader(path, {});
    ASSERT_FALSE(reader.ok());
    EXPECT_NE(reader.status().message().find(path), std::string::npos)
        << reader.status().ToString();
    EXPECT_NE(reader.status().message().find("empty"), std::string::npos);
  }
}

TEST_F(CsvReaderTest, MissingFileIsNotFound) {
  std::string path = dir_.file("nope.csv");
  auto reader = OpenRecordReader(path, {});
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), Status::Code::kNotFound);
  EXPECT_NE(reader.status().message().find(path), std::string::npos);
}

TEST_F(CsvReaderTest, Windows1252Repaired) {
  auto reader = Open(
      "id,text\n"
      "1,It\x92s \xA3"
      "5 at the caf\xE9\n"
      "2,plain\n");
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(ShowAll(reader.get()), (Strings{"2: 1|It\xE2\x80\x99s \xC2\xA3"
                                            "5 at the caf\xC3\xA9",
                                            "3: 2|plain"}));
  EXPECT_EQ(reader->decode_stats().repaired_values, 1);
  EXPECT_EQ(reader->decode_stats().replaced_chars, 0);
  EXPECT_EQ(reader->decode_stats().legacy_encoding, "windows-1252");
  EXPECT_EQ(reader->decode_stats().source_encoding, "UTF-8");
}

TEST_F(CsvReaderTest, MixedUtf8AndStrayCp1252KeepsUtf8) {
  auto reader = Open(
      "id,text\n"
      "1,na\xC3\xAFve \xE2\x80\x94 caf\xE9\n"
      "2,\xE2\x82\xAC"
      "10 \xF0\x9F\x98\x80\n");
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(ShowAll(reader.get()),
            (Strings{"2: 1|na\xC3\xAFve \xE2\x80\x94 caf\xC3\xA9",
                     "3: 2|\xE2\x82\xAC"
                     "10 \xF0\x9F\x98\x80"}));
  EXPECT_EQ(reader->decode_stats().repaired_values, 1);
}

TEST_F(CsvReaderTest, ByteUndefinedInWindows1252BecomesReplacement) {
  for (std::string legacy : {"", "windows-1252"}) {
    SCOPED_TRACE("legacy_encoding='" + legacy + "'");
    ReaderOptions options;
    options.legacy_encoding = legacy;
    auto reader = Open(
        "id,text\n1,a\x81"
        "b \xE9\n",
        options);
    ASSERT_NE(reader, nullptr);
    EXPECT_EQ(ShowAll(reader.get()), (Strings{"2: 1|a\xEF\xBF\xBD"
                                              "b \xC3\xA9"}));
    EXPECT_EQ(reader->decode_stats().replaced_chars, 1);
    EXPECT_EQ(reader->decode_stats().repaired_values, 1);
  }
}

// UTF-16 bytes of `text` with a byte-order mark.
std::string Utf16(const std::u16string& text, bool big_endian) {
  std::string out = big_endian ? "\xFE\xFF" : "\xFF\xFE";
  for (char16_t u : text) {
    char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
    out += big_endian ? std::string{hi, lo} : std::string{lo, hi};
  }
  return out;
}

TEST_F(CsvReaderTest, Utf16WithByteOrderMark) {
  const std::u16string text =
      u"id;text\r\n1;caf\u00e9 \u20ac5\r\n2;\"\U0001F600\nq\"\r\n";
  for (bool big_endian : {false, true}) {
    SCOPED_TRACE(big_endian ? "BE" : "LE");
    auto reader = Open(Utf16(text, big_endian));
    ASSERT_NE(reader, nullptr);
    EXPECT_EQ(reader->columns(), (Strings{"id", "text"}));
    EXPECT_EQ(ShowAll(reader.get()), (Strings{"2: 1|caf\xC3\xA9 \xE2\x82\xAC"
                                              "5",
                                              "3: 2|\xF0\x9F\x98\x80\nq"}));
    EXPECT_EQ(reader->decode_stats().source_encoding,
              big_endian ? "UTF-16BE" : "UTF-16LE");
    EXPECT_EQ(reader->decode_stats().repaired_values, 0);
  }
}

TEST_F(CsvReaderTest, Utf16SurrogatePairAcrossReadChunks) {
  // The reader reads 256 KiB at a time after the BOM; put the emoji's lead
  // surrogate in the last unit of the first chunk.
  const std::size_t units_before = 256 * 1024 / 2 - 1;
  std::u16string text = u"id,text\n1,";
  std::string padding(units_before - text.size(), 'a');
  text += std::u16string(padding.begin(), padding.end());
  text += u"\U0001F600\n";
  auto reader = Open(Utf16(text, /*big_endian=*/false));
  ASSERT_NE(reader, nullptr);
  std::vector<ReadItem> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 1u);
  ASSERT_EQ(items[0].values.size(), 2u);
  EXPECT_EQ(items[0].values[1], padding + "\xF0\x9F\x98\x80");
}

TEST_F(CsvReaderTest, NulByteKeptAndBinaryJunkSurvived) {
  auto reader = Open(std::string("id,text\n1,a\0b\n2,c\n", 17));
  ASSERT_NE(reader, nullptr);
  std::vector<ReadItem> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].values, (Strings{"1", std::string("a\0b", 3)}));
  EXPECT_EQ(items[1].values, (Strings{"2", "c"}));

  std::string junk = "id,text\n";
  unsigned state = 12345;
  for (int i = 0; i < 20000; ++i) {
    state = state * 1103515245 + 12345;
    junk.push_back(static_cast<char>(state >> 16));
  }
  auto junk_reader = Open(junk);
  ASSERT_NE(junk_reader, nullptr);
  for (const ReadItem& item : ReadAll(junk_reader.get())) {
    for (const std::string& v : item.values) EXPECT_TRUE(IsValidUtf8(v));
    EXPECT_GE(item.line, 1);
  }
}

}  // namespace
}  // namespace sift::ingest
