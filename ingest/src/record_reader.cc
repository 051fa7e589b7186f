#include "sift/ingest/record_reader.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "readers.h"
#include "xlsx_reader.h"

namespace sift::ingest {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

Result<FileFormat> ParseFileFormat(const std::string& name) {
  std::string n = Lower(name);
  if (n == "csv" || n == "tsv" || n == "txt") return FileFormat::kCsv;
  if (n == "jsonl" || n == "json" || n == "ndjson") return FileFormat::kJsonl;
  if (n == "xlsx") return FileFormat::kXlsx;
  return Status::InvalidArgument("unknown file format '" + name +
                                 "' (expected csv, tsv, jsonl or xlsx)");
}

Result<std::unique_ptr<RecordReader>> OpenRecordReader(
    const std::string& path, const ReaderOptions& options) {
  FileFormat format = options.format;
  if (format == FileFormat::kAuto) {
    std::string ext = std::filesystem::path(path).extension().string();
    if (!ext.empty()) ext.erase(0, 1);
    auto parsed = ParseFileFormat(ext);
    if (!parsed.ok()) {
      return Status::InvalidArgument(
          path + ": cannot tell the format from the extension '." + ext +
          "'; name it .csv, .tsv, .jsonl or .xlsx, or pass --format");
    }
    format = parsed.value();
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status::InvalidArgument(path + ": is a directory, not a file");
  }
  switch (format) {
    case FileFormat::kCsv:
      return OpenCsvReader(path, options);
    case FileFormat::kJsonl:
      return OpenJsonlReader(path, options);
    case FileFormat::kXlsx:
      return OpenXlsxReader(path, options);
    case FileFormat::kAuto:
      break;
  }
  return Status::Internal(path + ": no reader for the format");
}

}  // namespace sift::ingest
