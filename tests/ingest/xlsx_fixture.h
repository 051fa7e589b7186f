// Builders for XLSX test workbooks, written with libzip from XML strings.
#ifndef SIFT_TESTS_INGEST_XLSX_FIXTURE_H_
#define SIFT_TESTS_INGEST_XLSX_FIXTURE_H_

#include <gtest/gtest.h>
#include <zip.h>

#include <string>
#include <vector>

namespace sift::ingest {

using Strings = std::vector<std::string>;

struct Part {
  std::string name;
  std::string data;
};

inline constexpr char kMainNs[] =
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
inline constexpr char kRelNs[] =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

inline std::string Row(int r, const std::string& cells) {
  return "<row r=\"" + std::to_string(r) + "\">" + cells + "</row>\n";
}
inline std::string Inline(const std::string& ref, const std::string& text) {
  return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text +
         "</t></is></c>";
}
inline std::string Num(const std::string& ref, const std::string& v) {
  return "<c r=\"" + ref + "\"><v>" + v + "</v></c>";
}
inline std::string Shared(const std::string& ref, int index) {
  return "<c r=\"" + ref + "\" t=\"s\"><v>" + std::to_string(index) +
         "</v></c>";
}

inline std::string SheetXml(const std::string& rows) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") +
         "<worksheet xmlns=\"" + kMainNs + "\" xmlns:r=\"" + kRelNs +
         "\"><dimension ref=\"A1\"/><sheetData>\n" + rows +
         "</sheetData></worksheet>\n";
}

inline std::string SharedXml(const Strings& items) {
  std::string xml =
      std::string("<?xml version=\"1.0\"?>\n<sst xmlns=\"") + kMainNs + "\">";
  for (const std::string& item : items) xml += "<si>" + item + "</si>";
  return xml + "</sst>";
}

inline std::string WorkbookXml(const std::string& sheets) {
  return std::string("<workbook xmlns=\"") + kMainNs + "\" xmlns:r=\"" +
         kRelNs + "\"><sheets>" + sheets + "</sheets></workbook>";
}

inline std::string RelsXml(const std::string& rels) {
  return "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
         "2006/relationships\">" +
         rels + "</Relationships>";
}

inline std::string Rel(const std::string& id, const std::string& type,
                       const std::string& target) {
  return "<Relationship Id=\"" + id +
         "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "relationships/" +
         type + "\" Target=\"" + target + "\"/>";
}

// A one-sheet workbook laid out as Excel writes it.
inline std::vector<Part> Book(const std::string& rows,
                              const Strings& shared = {}) {
  return {
      {"[Content_Types].xml",
       "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
       "content-types\"/>"},
      {"xl/workbook.xml",
       WorkbookXml("<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>")},
      {"xl/_rels/workbook.xml.rels",
       RelsXml(Rel("rId1", "worksheet", "worksheets/sheet1.xml") +
               Rel("rId2", "sharedStrings", "sharedStrings.xml"))},
      {"xl/sharedStrings.xml", SharedXml(shared)},
      {"xl/worksheets/sheet1.xml", SheetXml(rows)},
  };
}

// Writes `parts` as a zip archive at `path`; `store` keeps entries
// uncompressed.
inline void WriteWorkbook(const std::string& path,
                          const std::vector<Part>& parts, bool store) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  EXPECT_NE(zip, nullptr) << error;
  if (zip == nullptr) return;
  for (const Part& part : parts) {
    zip_source_t* source =
        zip_source_buffer(zip, part.data.data(), part.data.size(), 0);
    zip_int64_t index =
        zip_file_add(zip, part.name.c_str(), source, ZIP_FL_OVERWRITE);
    EXPECT_GE(index, 0) << part.name;
    if (store) zip_set_file_compression(zip, index, ZIP_CM_STORE, 0);
  }
  EXPECT_EQ(zip_close(zip), 0);
}

}  // namespace sift::ingest

#endif  // SIFT_TESTS_INGEST_XLSX_FIXTURE_H_
