#include "xlsx_reader.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ingest/reader_test_util.h"
#include "ingest/xlsx_fixture.h"

namespace sift::ingest {
namespace {

using ::sift::testing::ReadAll;
using Kind = ReadItem::Kind;
using Strings = std::vector<std::string>;

class XlsxReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "sift_xlsx_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Writes `parts` as a zip archive; `store` keeps entries uncompressed.
  std::string WriteZip(const std::vector<Part>& parts, bool store = false) {
    std::string path = dir_ + "/book" + std::to_string(++files_) + ".xlsx";
    WriteWorkbook(path, parts, store);
    return path;
  }

  std::string WriteFile(const std::string& name, const std::string& data) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << data;
    return path;
  }

  std::string dir_;
  int files_ = 0;
};

std::unique_ptr<RecordReader> Open(const std::string& path,
                                   const ReaderOptions& options = {}) {
  Result<std::unique_ptr<RecordReader>> reader = OpenXlsxReader(path, options);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  return reader.ok() ? std::move(reader).value() : nullptr;
}

TEST_F(XlsxReaderTest, SharedStringsWithRichTextAndEntities) {
  Strings shared = {
      "<t>name</t>",
      "<t>note</t>",
      "<t>Fish &amp; Chips &lt;b&gt;</t>",
      "<r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space=\"preserve\"> and "
      "plain</t></r>",
      "<t>\xE6\xBC\xA2\xE5\xAD\x97</t><rPh sb=\"0\" eb=\"2\"><t>kanji</t></rPh>"
      "<phoneticPr fontId=\"1\"/>",
      "<t>one_x000D_\ntwo</t>",
  };
  std::string rows = Row(1, Shared("A1", 0) + Shared("B1", 1)) +
                     Row(2, Shared("A2", 2) + Shared("B2", 3)) +
                     Row(3, Shared("A3", 4) + Shared("B3", 5));
  auto reader = Open(WriteZip(Book(rows, shared)));
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->columns(), (Strings{"name", "note"}));
  std::vector<ReadItem> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].values, (Strings{"Fish & Chips <b>", "Bold and plain"}));
  EXPECT_EQ(items[1].values,
            (Strings{"\xE6\xBC\xA2\xE5\xAD\x97", "one\r\ntwo"}));
}

TEST_F(XlsxReaderTest, CellTypes) {
  struct Case {
    const char* name;
    std::string cell;  // the XML of cell B2
    std::string want;
  };
  const Case cases[] = {
      {"inline", Inline("B2", "hello"), "hello"},
      {"inline rich",
       "<c r=\"B2\" t=\"inlineStr\"><is><r><t>a</t></r><r><t>b</t></r></is>"
       "</c>",
       "ab"},
      {"integer", Num("B2", "42"), "42"},
      {"integer as float", Num("B2", "12.0"), "12"},
      {"negative as float", Num("B2", "-7.0"), "-7"},
      {"decimal", Num("B2", "3.25"), "3.25"},
      {"exponent", Num("B2", "1.5E-3"), "1.5E-3"},
      {"typed number", "<c r=\"B2\" t=\"n\"><v>5.0</v></c>", "5"},
      {"true", "<c r=\"B2\" t=\"b\"><v>1</v></c>", "TRUE"},
      {"false", "<c r=\"B2\" t=\"b\"><v>0</v></c>", "FALSE"},
      {"error", "<c r=\"B2\" t=\"e\"><v>#DIV/0!</v></c>", "#DIV/0!"},
      {"formula string",
       "<c r=\"B2\" t=\"str\"><f>A2&amp;\"x\"</f><v>kx</v></c>", "kx"},
      {"formula number", "<c r=\"B2\"><f>1+1</f><v>2</v></c>", "2"},
      {"multi-line", Inline("B2", "first\nsecond"), "first\nsecond"},
      {"non-ASCII",
       Inline("B2", "\xE2\x80\x9Cquoted\xE2\x80\x9D caf\xC3\xA9 \xE6\xBC\xA2"),
       "\xE2\x80\x9Cquoted\xE2\x80\x9D caf\xC3\xA9 \xE6\xBC\xA2"},
      {"entities", Inline("B2", "&lt;tag&gt; &amp; &quot;q&quot; &#233;"),
       "<tag> & \"q\" \xC3\xA9"},
      {"escaped underscore", Inline("B2", "a_x005F_x000D_b"), "a_x000D_b"},
      {"empty cell", "<c r=\"B2\" s=\"3\"/>", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::string rows = Row(1, Inline("A1", "key") + Inline("B1", "value")) +
                       Row(2, Inline("A2", "k") + c.cell);
    auto reader = Open(WriteZip(Book(rows)));
    ASSERT_NE(reader, nullptr);
    std::vector<ReadItem> items = ReadAll(reader.get());
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].kind, Kind::kRecord);
    EXPECT_EQ(items[0].values, (Strings{"k", c.want}));
  }
}

TEST_F(XlsxReaderTest, SparseCellsAreFilledWithEmptyStrings) {
  std::string header = Inline("A1", "a") + Inline("B1", "b") +
                       Inline("C1", "c") + Inline("D1", "d");
  std::string rows =
      Row(1, header) + Row(2, Num("A2", "1") + Num("C2", "3")) +
      Row(3, "<c t=\"inlineStr\"><is><t>x</t></is></c><c/><c><v>9</v></c>") +
      Row(4, Num("D4", "4")) + Row(5, Num("B5", "2") + "<c><v>3</v></c>");
  auto reader = Open(WriteZip(Book(rows)));
  ASSERT_NE(reader, nullptr);
  std::vector<ReadItem> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].values, (Strings{"1", "", "3", ""}));
  EXPECT_EQ(items[1].values, (Strings{"x", "", "9", ""}));
  EXPECT_EQ(items[2].values, (Strings{"", "", "", "4"}));
  EXPECT_EQ(items[3].values, (Strings{"", "2", "3", ""}));
}

TEST_F(XlsxReaderTest, EmptyRowsAreSkippedAndLinesAreSheetRows) {
  std::string rows = Row(1, Inline("A1", "h")) + Row(3, Num("A3", "3")) +
                     Row(5, "<c r=\"A5\" s=\"1\"/>" + Inline("B5", "")) +
                     "<row r=\"6\"/>" + Row(7, Num("A7", "7")) +
                     "<row><c><v>8</v></c></row>";
  auto reader = Open(WriteZip(Book(rows)));
  ASSERT_NE(reader, nullptr);
  std::vector<ReadItem> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].line, 3);
  EXPECT_EQ(items[1].line, 7);
  EXPECT_EQ(items[2].line, 8);
  EXPECT_EQ(items[2].values, (Strings{"8"}));
}

TEST_F(XlsxReaderTest, HeaderIsFirstNonEmptyRowWithNamedBlanks) {
  std::string rows = Row(1, "<c r=\"A1\" s=\"2\"/>") +
                     Row(2, Inline("A2", "  id ") + Inline("B2", " ") +
                                Inline("C2", "name\t") + Inline("E2", "x")) +
                     Row(3, Num("A3", "1") + Num("E3", "5"));
  auto reader = Open(WriteZip(Book(rows)));
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->columns(),
            (Strings{"id", "column_2", "name", "column_4", "x"}));
  std::vector<ReadItem> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].line, 3);
  EXPECT_EQ(items[0].values, (Strings{"1", "", "", "", "5"}));
  EXPECT_EQ(reader->decode_stats().source_encoding, "UTF-8");
  EXPECT_EQ(reader->decode_stats().repaired_values, 0);
}

TEST_F(XlsxReaderTest, FirstSheetIsFoundThroughRelationships) {
  for (const char* target :
       {"worksheets/data.xml", "/xl/worksheets/data.xml"}) {
    SCOPED_TRACE(target);
    std::vector<Part> parts = Book(Row(1, Inline("A1", "wrong")));
    parts[1].data = WorkbookXml(
        "<sheet name=\"Data\" sheetId=\"3\" r:id=\"rId7\"/>"
        "<sheet name=\"Other\" sheetId=\"1\" r:id=\"rId1\"/>");
    parts[2].data = RelsXml(Rel("rId1", "worksheet", "worksheets/sheet1.xml") +
                            Rel("rId7", "worksheet", target));
    parts.push_back(
        {"xl/worksheets/data.xml",
         SheetXml(Row(1, Inline("A1", "right")) + Row(2, Inline("A2", "v")))});
    auto reader = Open(WriteZip(parts));
    ASSERT_NE(reader, nullptr);
    EXPECT_EQ(reader->columns(), (Strings{"right"}));
    EXPECT_EQ(ReadAll(reader.get()).size(), 1u);
  }
}

TEST_F(XlsxReaderTest, FallsBackToSheet1WithoutRelationships) {
  std::vector<Part> parts = {
      {"xl/worksheets/sheet1.xml",
       SheetXml(Row(1, Inline("A1", "h")) + Row(2, Num("A2", "1")))}};
  auto reader = Open(WriteZip(parts));
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->columns(), (Strings{"h"}));
  EXPECT_EQ(ReadAll(reader.get()).size(), 1u);
}

TEST_F(XlsxReaderTest, NamespacePrefixedElements) {
  std::string sheet =
      std::string("<x:worksheet xmlns:x=\"") + kMainNs +
      "\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is>"
      "<x:t>h</x:t></x:is></x:c></x:row><x:row r=\"2\"><x:c r=\"A2\"><x:v>1"
      "</x:v></x:c></x:row></x:sheetData></x:worksheet>";
  auto reader = Open(WriteZip({{"xl/worksheets/sheet1.xml", sheet}}));
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->columns(), (Strings{"h"}));
  std::vector<ReadItem> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].values, (Strings{"1"}));
}

TEST_F(XlsxReaderTest, BadRowsAreRejectedAndReadingContinues) {
  std::string rows =
      Row(1, Inline("A1", "a") + Inline("B1", "b")) +
      Row(2, Num("A2", "1") + Num("B2", "2") + Num("D2", "4")) +
      Row(3, Num("A3", "1") + Num("B3", "2") + "<c r=\"C3\" s=\"1\"/>") +
      Row(4, Inline("A4", std::string(17, 'x'))) + Row(5, Shared("A5", 0)) +
      Row(6, Inline("A6", std::string(9, 'y')) +
                 Inline("B6", std::string(9, 'z'))) +
      Row(7, Shared("A7", 5)) + Row(8, Num("A8", "8"));
  ReaderOptions options;
  options.max_record_bytes = 16;
  auto reader = Open(
      WriteZip(Book(rows, {"<t>" + std::string(40, 's') + "</t>"})), options);
  ASSERT_NE(reader, nullptr);
  std::vector<ReadItem> items = ReadAll(reader.get());
  ASSERT_EQ(items.size(), 7u);
  EXPECT_EQ(items[0].kind, Kind::kRejected);
  EXPECT_EQ(items[0].line, 2);
  EXPECT_EQ(items[0].reason, "row has 4 cells, header has 2 columns");
  EXPECT_EQ(items[1].kind, Kind::kRecord);
  EXPECT_EQ(items[1].values, (Strings{"1", "2"}));
  for (int i : {2, 3, 4}) {
    EXPECT_EQ(items[i].kind, Kind::kRejected) << i;
    EXPECT_EQ(items[i].reason, "record larger than 16 bytes") << i;
  }
  EXPECT_EQ(items[5].kind, Kind::kRejected);
  EXPECT_EQ(items[5].line, 7);
  EXPECT_NE(items[5].reason.find("shared string"), std::string::npos);
  EXPECT_EQ(items[6].kind, Kind::kRecord);
  EXPECT_EQ(items[6].line, 8);
}

TEST_F(XlsxReaderTest, FilesThatAreNotWorkbooksFailWithThePath) {
  struct Case {
    const char* name;
    std::string path;
    std::string message;
  };
  std::string csv = WriteFile("data.xlsx", "id,name\n1,x\n");
  std::string zip_bytes;
  {
    std::string whole = WriteZip(Book(Row(1, Inline("A1", "h"))));
    std::ifstream in(whole, std::ios::binary);
    zip_bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  const Case cases[] = {
      {"not a zip", csv, ": not an XLSX workbook (not a zip archive)"},
      {"truncated zip",
       WriteFile("cut.xlsx", zip_bytes.substr(0, zip_bytes.size() / 2)),
       ": not an XLSX workbook (not a zip archive)"},
      {"missing file", dir_ + "/absent.xlsx", ": no such file"},
      {"no worksheet",
       WriteZip(
           {{"[Content_Types].xml", "<Types/>"},
            {"xl/workbook.xml", WorkbookXml("<sheet name=\"S\" sheetId=\"1\" "
                                            "r:id=\"rId1\"/>")}}),
       ": workbook has no worksheet"},
      {"unrelated zip", WriteZip({{"readme.txt", "hello"}}),
       ": workbook has no worksheet"},
      {"empty sheet", WriteZip(Book("")), ": worksheet has no header row"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<std::unique_ptr<RecordReader>> reader = OpenXlsxReader(c.path, {});
    ASSERT_FALSE(reader.ok());
    EXPECT_EQ(reader.status().message(), c.path + c.message);
  }
}

TEST_F(XlsxReaderTest, MalformedXmlIsAnErrorNotACrash) {
  struct Case {
    const char* name;
    std::vector<Part> parts;
    bool fails_on_open;
    std::string part;
  };
  std::string good = Row(1, Inline("A1", "h")) + Row(2, Num("A2", "2"));
  std::vector<Part> bad_shared = Book(good);
  bad_shared[3].data = "<sst><si><t>x</si></sst>";
  const Case cases[] = {
      {"header", Book("<row r=\"1\"><c r=\"A1\"><v>1</v></row>"), true,
       "xl/worksheets/sheet1.xml"},
      {"not xml",
       {{"xl/worksheets/sheet1.xml", "not xml at all"}},
       true,
       "xl/worksheets/sheet1.xml"},
      {"later row", Book(good + "<row r=\"3\"><c r=\"A3\"><v>3</v></c></rw>"),
       false, "xl/worksheets/sheet1.xml"},
      {"truncated",
       {{"xl/worksheets/sheet1.xml",
         SheetXml(good).substr(0, SheetXml(good).size() - 25)}},
       false,
       "xl/worksheets/sheet1.xml"},
      {"shared strings", bad_shared, true, "xl/sharedStrings.xml"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::string path = WriteZip(c.parts);
    Result<std::unique_ptr<RecordReader>> reader = OpenXlsxReader(path, {});
    Status error = reader.status();
    if (reader.ok()) {
      ASSERT_FALSE(c.fails_on_open);
      ReadItem item;
      int records = 0;
      while ((error = (*reader)->Next(&item)).ok()) {
        ASSERT_NE(item.kind, Kind::kEnd);
        ++records;
      }
      EXPECT_EQ(records, 1);
      EXPECT_FALSE((*reader)->Next(&item).ok()) << "errors are sticky";
    }
    ASSERT_FALSE(error.ok());
    EXPECT_EQ(error.message().rfind(path + ": " + c.part + ": line ", 0), 0u)
        << error.message();
  }
}

// 20,000 rows, read one at a time; the sheet part is stored uncompressed so
// that a value can be altered in place to break its CRC.
std::vector<Part> BigBook(int rows) {
  std::string xml =
      Row(1, Inline("A1", "n") + Inline("B1", "kind") + Inline("C1", "text"));
  for (int r = 2; r <= rows + 1; ++r) {
    std::string n = std::to_string(r);
    xml += Row(r, Num("A" + n, n + ".0") + Shared("B" + n, r % 3) +
                      Inline("C" + n, "row " + n + " \xC3\xA9"));
  }
  return Book(xml, {"<t>zero</t>", "<t>one</t>", "<t>two</t>"});
}

TEST_F(XlsxReaderTest, StreamsTwentyThousandRows) {
  auto reader = Open(WriteZip(BigBook(20000)));
  ASSERT_NE(reader, nullptr);
  const Strings kinds = {"zero", "one", "two"};
  ReadItem item;
  int count = 0;
  for (int r = 2;; ++r) {
    ASSERT_TRUE(reader->Next(&item).ok());
    if (item.kind == Kind::kEnd) break;
    ASSERT_EQ(item.kind, Kind::kRecord);
    ASSERT_EQ(item.line, r);
    std::string n = std::to_string(r);
    ASSERT_EQ(item.values,
              (Strings{n, kinds[r % 3], "row " + n + " \xC3\xA9"}));
    ++count;
  }
  EXPECT_EQ(count, 20000);
  ASSERT_TRUE(reader->Next(&item).ok());
  EXPECT_EQ(item.kind, Kind::kEnd);
}

TEST_F(XlsxReaderTest, CorruptEntryIsAnErrorFromNext) {
  std::string path = WriteZip(BigBook(20000), /*store=*/true);
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::size_t at = bytes.find("<v>15000.0</v>");
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at, 14, "<v>99999.0</v>");
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  auto reader = Open(path);
  ASSERT_NE(reader, nullptr);
  ReadItem item;
  Status status;
  int records = 0;
  while ((status = reader->Next(&item)).ok() && item.kind != Kind::kEnd) {
    ++records;
  }
  ASSERT_FALSE(status.ok()) << records;
  EXPECT_EQ(status.message().rfind(path + ": xl/worksheets/sheet1.xml: ", 0),
            0u)
      << status.message();
}

}  // namespace
}  // namespace sift::ingest
