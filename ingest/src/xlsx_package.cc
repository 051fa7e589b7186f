#include "xlsx_package.h"

namespace sift::ingest::xlsx {
namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;

// Resolves a relationship target against xl/ (or the root, for "/...").
std::string ResolveTarget(std::string_view target) {
  if (target.starts_with('/')) return std::string(target.substr(1));
  if (target.starts_with("./")) target.remove_prefix(2);
  return "xl/" + std::string(target);
}

}  // namespace

std::string_view LocalName(const char* name) {
  std::string_view view(name);
  std::size_t colon = view.rfind(':');
  return colon == std::string_view::npos ? view : view.substr(colon + 1);
}

const char* FindAttr(const char** attrs, std::string_view local) {
  for (; *attrs != nullptr; attrs += 2) {
    if (LocalName(attrs[0]) == local) return attrs[1];
  }
  return nullptr;
}

Status PartParser::Open(zip_t* zip, const std::string& path,
                        const std::string& name, XmlHandler* handler) {
  context_ = path + ": " + name;
  zip_int64_t index = zip_name_locate(zip, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return Status::NotFound(context_ + ": part is missing");
  file_.reset(zip_fopen_index(zip, static_cast<zip_uint64_t>(index), 0));
  if (!file_) return Status::Corruption(context_ + ": " + zip_strerror(zip));
  parser_.reset(XML_ParserCreate(nullptr));
  if (!parser_) return Status::Internal(context_ + ": cannot create parser");
  buffer_.resize(kChunkBytes);
  XML_SetUserData(parser_.get(), handler);
  XML_SetElementHandler(
      parser_.get(),
      [](void* data, const XML_Char* name, const XML_Char** attrs) {
        Handler(data).start(LocalName(name), attrs);
      },
      [](void* data, const XML_Char* name) {
        Handler(data).end(LocalName(name));
      });
  XML_SetCharacterDataHandler(
      parser_.get(), [](void* data, const XML_Char* text, int length) {
        Handler(data).text(std::string_view(text, length));
      });
  return Status::Ok();
}

Status PartParser::Step(bool* done) {
  XML_Status status;
  if (suspended_) {
    status = XML_ResumeParser(parser_.get());
  } else {
    zip_int64_t n = zip_fread(file_.get(), buffer_.data(), buffer_.size());
    if (n < 0) {
      return Status::Corruption(context_ + ": " +
                                zip_file_strerror(file_.get()));
    }
    final_ = n == 0;
    status =
        XML_Parse(parser_.get(), buffer_.data(), static_cast<int>(n), final_);
  }
  if (status == XML_STATUS_ERROR) {
    return Status::Corruption(
        context_ + ": line " +
        std::to_string(XML_GetCurrentLineNumber(parser_.get())) + ": " +
        XML_ErrorString(XML_GetErrorCode(parser_.get())));
  }
  suspended_ = status == XML_STATUS_SUSPENDED;
  *done = final_ && !suspended_;
  return Status::Ok();
}

Status ParseOptionalPart(zip_t* zip, const std::string& path,
                         const std::string& name, XmlHandler* handler) {
  PartParser part;
  Status status = part.Open(zip, path, name, handler);
  if (status.code() == Status::Code::kNotFound) return Status::Ok();
  for (bool done = false; status.ok() && !done;) status = part.Step(&done);
  return status;
}

Result<ZipPtr> OpenZip(const std::string& path) {
  int error = 0;
  ZipPtr zip(zip_open(path.c_str(), ZIP_RDONLY, &error));
  if (zip) return zip;
  if (error == ZIP_ER_NOENT) return Status::NotFound(path + ": no such file");
  if (error == ZIP_ER_NOZIP || error == ZIP_ER_INCONS) {
    return Status::Corruption(path +
                              ": not an XLSX workbook (not a zip archive)");
  }
  zip_error_t zip_error;
  zip_error_init_with_code(&zip_error, error);
  std::string message = zip_error_strerror(&zip_error);
  zip_error_fini(&zip_error);
  return Status::IoError(path + ": cannot open: " + message);
}

Result<WorkbookParts> FindParts(zip_t* zip, const std::string& path) {
  std::string sheet_id;
  XmlHandler workbook{[&](std::string_view name, const char** attrs) {
                        const char* id = FindAttr(attrs, "id");
                        if (name == "sheet" && sheet_id.empty() && id) {
                          sheet_id = id;
                        }
                      },
                      [](std::string_view) {}, [](std::string_view) {}};
  SIFT_RETURN_IF_ERROR(
      ParseOptionalPart(zip, path, "xl/workbook.xml", &workbook));
  WorkbookParts parts;
  XmlHandler rels = workbook;
  rels.start = [&](std::string_view name, const char** attrs) {
    const char* id = FindAttr(attrs, "Id");
    const char* type = FindAttr(attrs, "Type");
    const char* target = FindAttr(attrs, "Target");
    if (name != "Relationship" || target == nullptr) return;
    if (id != nullptr && !sheet_id.empty() && id == sheet_id) {
      parts.sheet = ResolveTarget(target);
    } else if (type && std::string_view(type).ends_with("/sharedStrings")) {
      parts.shared_strings = ResolveTarget(target);
    }
  };
  SIFT_RETURN_IF_ERROR(
      ParseOptionalPart(zip, path, "xl/_rels/workbook.xml.rels", &rels));
  if (zip_name_locate(zip, parts.sheet.c_str(), ZIP_FL_NOCASE) < 0) {
    return Status::Corruption(path + ": workbook has no worksheet");
  }
  return parts;
}

}  // namespace sift::ingest::xlsx
