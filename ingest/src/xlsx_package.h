// Internal: reading the parts of an XLSX package (a zip of XML files) with
// libzip and expat, streaming each part a chunk at a time.
#ifndef SIFT_INGEST_SRC_XLSX_PACKAGE_H_
#define SIFT_INGEST_SRC_XLSX_PACKAGE_H_

#include <expat.h>
#include <zip.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sift/core/status.h"

namespace sift::ingest::xlsx {

template <auto kFree>
struct Freer {
  template <typename T>
  void operator()(T* p) const {
    kFree(p);
  }
};
using ZipPtr = std::unique_ptr<zip_t, Freer<zip_discard>>;
using ZipFilePtr = std::unique_ptr<zip_file_t, Freer<zip_fclose>>;
using ParserPtr = std::unique_ptr<XML_ParserStruct, Freer<XML_ParserFree>>;

// Element callbacks; names arrive without their prefix ("x:row" -> "row").
struct XmlHandler {
  std::function<void(std::string_view name, const char** attrs)> start;
  std::function<void(std::string_view name)> end;
  std::function<void(std::string_view text)> text;
};

// The local part of an XML name: "x:row" -> "row".
std::string_view LocalName(const char* name);

// The value of the attribute whose local name is `local`, or nullptr.
const char* FindAttr(const char** attrs, std::string_view local);

// Feeds one zip entry through expat a chunk at a time. A handler may
// suspend parsing (Suspend()) to hand control back in mid-chunk.
class PartParser {
 public:
  Status Open(zip_t* zip, const std::string& path, const std::string& name,
              XmlHandler* handler);
  // Parses one more chunk, or until the handler suspends. Sets *done once
  // the whole part has been parsed; not to be called after that or an error.
  Status Step(bool* done);
  void Suspend() { XML_StopParser(parser_.get(), XML_TRUE); }

 private:
  static XmlHandler& Handler(void* data) {
    return *static_cast<XmlHandler*>(data);
  }

  std::string context_;  // "<path>: <part name>"
  ZipFilePtr file_;
  ParserPtr parser_;
  std::vector<char> buffer_;
  bool suspended_ = false;
  bool final_ = false;
};

// Parses the part `name` whole; a missing part is not an error.
Status ParseOptionalPart(zip_t* zip, const std::string& path,
                         const std::string& name, XmlHandler* handler);

// Opens the archive; errors name `path` and say whether it is missing, not
// a zip archive, or unreadable.
Result<ZipPtr> OpenZip(const std::string& path);

struct WorkbookParts {
  std::string sheet = "xl/worksheets/sheet1.xml";
  std::string shared_strings = "xl/sharedStrings.xml";
};

// Finds the first worksheet and the shared strings through the workbook's
// relationships, keeping the conventional names where those are missing.
Result<WorkbookParts> FindParts(zip_t* zip, const std::string& path);

}  // namespace sift::ingest::xlsx

#endif  // SIFT_INGEST_SRC_XLSX_PACKAGE_H_
