#include "xlsx_reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include "xlsx_package.h"

namespace sift::ingest {
namespace {

using xlsx::FindAttr;
using xlsx::FindParts;
using xlsx::OpenZip;
using xlsx::ParseOptionalPart;
using xlsx::PartParser;
using xlsx::WorkbookParts;
using xlsx::XmlHandler;
using xlsx::ZipPtr;

constexpr int kMaxColumns = 16384;  // Excel's limit: column XFD.
constexpr std::string_view kWhitespace = " \t\r\n\v\f";

// Collects the text of <t> and <v> elements outside phonetic runs (<rPh>),
// keeping at most limit + 1 bytes: enough to tell that a value is too large
// without buffering all of it. REQUIRES: limit < SIZE_MAX.
struct TextCollector {
  explicit TextCollector(std::size_t max_bytes) : limit(max_bytes) {}
  void Reset() {
    text.clear();
    active = false;
    phonetic_depth = 0;
  }
  void Start(std::string_view name) {
    if (name == "rPh") ++phonetic_depth;
    if (name == "t" || name == "v") active = phonetic_depth == 0;
  }
  void End(std::string_view name) {
    if (name == "rPh") --phonetic_depth;
    if (name == "t" || name == "v") active = false;
  }
  void Append(std::string_view chunk) {
    if (!active || text.size() > limit) return;
    text.append(chunk.substr(0, limit - text.size() + 1));
  }

  std::size_t limit;
  std::string text;
  bool active = false;
  int phonetic_depth = 0;
};

// Undoes OOXML's _xHHHH_ escaping of the ASCII characters XML cannot carry
// (Excel writes a carriage return as "_x000D_", "_x" as "_x005F_x").
std::string DecodeEscapes(std::string text) {
  if (text.find("_x") == std::string::npos) return text;
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    unsigned code = 0x80;
    if (text.compare(i, 2, "_x") == 0 && i + 7 <= text.size() &&
        text[i + 6] == '_') {
      const char* hex = text.data() + i + 2;
      if (std::from_chars(hex, hex + 4, code, 16).ptr != hex + 4) code = 0x80;
    }
    out.push_back(code < 0x80 ? static_cast<char>(code) : text[i]);
    i += code < 0x80 ? 7 : 1;
  }
  return out;
}

Result<std::vector<std::string>> LoadSharedStrings(zip_t* zip,
                                                   const std::string& path,
                                                   const std::string& name,
                                                   std::size_t max_bytes) {
  std::vector<std::string> strings;
  TextCollector item{max_bytes};
  XmlHandler handler{[&](std::string_view element, const char**) {
                       if (element == "si") item.Reset();
                       item.Start(element);
                     },
                     [&](std::string_view element) {
                       if (element == "si")
                         strings.push_back(DecodeEscapes(item.text));
                       item.End(element);
                     },
                     [&](std::string_view text) { item.Append(text); }};
  SIFT_RETURN_IF_ERROR(ParseOptionalPart(zip, path, name, &handler));
  return strings;
}

// "C7" -> 2; `next` when the reference has no letters; -1 past column XFD.
int ColumnOf(const char* ref, int next) {
  if (ref == nullptr) return next;
  int column = 0;
  const char* p = ref;
  for (; std::isalpha(static_cast<unsigned char>(*p)); ++p) {
    column =
        column * 26 + (std::toupper(static_cast<unsigned char>(*p)) - 'A' + 1);
    if (column > kMaxColumns) return -1;
  }
  return p == ref ? next : column - 1;
}

std::int64_t RowNumberOf(const char* ref, std::int64_t next) {
  std::int64_t number = 0;
  if (ref == nullptr) return next;
  auto [end, error] = std::from_chars(ref, ref + std::strlen(ref), number);
  return error == std::errc() && number > 0 ? number : next;
}

// Number of cells up to and including the last non-empty one.
std::size_t UsedWidth(const std::vector<std::string>& row) {
  std::size_t width = row.size();
  while (width > 0 && row[width - 1].empty()) --width;
  return width;
}

std::string HeaderName(std::string_view name, std::size_t index) {
  std::size_t first = name.find_first_not_of(kWhitespace);
  if (first == std::string_view::npos) {
    return "column_" + std::to_string(index + 1);
  }
  std::size_t last = name.find_last_not_of(kWhitespace);
  return std::string(name.substr(first, last - first + 1));
}

class XlsxReader : public RecordReader {
 public:
  XlsxReader(std::string path, std::size_t max_bytes, ZipPtr zip,
             std::vector<std::string> shared_strings)
      : path_(std::move(path)),
        max_bytes_(max_bytes),
        zip_(std::move(zip)),
        shared_(std::move(shared_strings)),
        handler_{[this](std::string_view name, const char** attrs) {
                   OnStart(name, attrs);
                 },
                 [this](std::string_view name) { OnEnd(name); },
                 [this](std::string_view text) { cell_.Append(text); }},
        cell_{max_bytes} {
    stats_.source_encoding = "UTF-8";
  }

  // Opens the worksheet part and reads up to and including the header row.
  Status Start(const std::string& sheet_part);

  const std::vector<std::string>& columns() const override { return columns_; }
  Status Next(ReadItem* item) override;
  const DecodeStats& decode_stats() const override { return stats_; }

 private:
  void OnStart(std::string_view name, const char** attrs);
  void OnEnd(std::string_view name);
  std::string CellValue();
  void FinishCell();
  // Parses until a whole row is buffered (row_ready_) or the sheet ends.
  Status Advance();
  // Fills *item from the buffered row; false when the row is empty.
  bool TakeRow(ReadItem* item);

  std::string path_;
  std::size_t max_bytes_;
  ZipPtr zip_;
  std::vector<std::string> shared_;
  XmlHandler handler_;
  PartParser sheet_;  // Declared after zip_ and handler_, which it uses.
  std::vector<std::string> columns_;
  DecodeStats stats_;
  Status error_;
  bool end_ = false;

  std::vector<std::string> row_;
  std::int64_t row_number_ = 0;
  std::size_t row_bytes_ = 0;
  std::string row_problem_;  // Why the row is rejected, if it is.
  bool row_ready_ = false;

  int column_ = -1;
  std::string cell_type_;
  TextCollector cell_;
};

void XlsxReader::OnStart(std::string_view name, const char** attrs) {
  if (name == "row") {
    row_.clear();
    row_bytes_ = 0;
    row_problem_.clear();
    row_number_ = RowNumberOf(FindAttr(attrs, "r"), row_number_ + 1);
    column_ = -1;
  } else if (name == "c") {
    const char* type = FindAttr(attrs, "t");
    cell_type_ = type == nullptr ? "" : type;
    cell_.Reset();
    column_ = ColumnOf(FindAttr(attrs, "r"), column_ < 0 ? 0 : column_ + 1);
  } else {
    cell_.Start(name);
  }
}

void XlsxReader::OnEnd(std::string_view name) {
  if (name == "row") {
    row_ready_ = true;
    sheet_.Suspend();
  } else if (name == "c") {
    FinishCell();
  } else {
    cell_.End(name);
  }
}

std::string XlsxReader::CellValue() {
  std::string& text = cell_.text;
  if (cell_type_ == "s" && !text.empty()) {
    std::size_t index = 0;
    auto [end, error] =
        std::from_chars(text.data(), text.data() + text.size(), index);
    if (error == std::errc() && end == text.data() + text.size() &&
        index < shared_.size()) {
      return shared_[index];
    }
    row_problem_ = "cell in column " + std::to_string(column_ + 1) +
                   " refers to missing shared string \"" + text + "\"";
    return "";
  }
  if (cell_type_ == "inlineStr" || cell_type_ == "str") {
    return DecodeEscapes(std::move(text));
  }
  if (cell_type_ == "b" && (text == "0" || text == "1")) {
    return text == "1" ? "TRUE" : "FALSE";
  }
  if ((cell_type_.empty() || cell_type_ == "n") && text.ends_with(".0")) {
    text.resize(text.size() - 2);
  }
  return std::move(text);
}

void XlsxReader::FinishCell() {
  if (!row_problem_.empty()) return;
  std::string value = CellValue();
  if (value.empty()) return;
  row_bytes_ += value.size();
  if (column_ < 0 || column_ >= kMaxColumns) {
    row_problem_ = "cell reference is past column XFD";
  } else if (row_bytes_ > max_bytes_) {
    row_problem_ =
        "record larger than " + std::to_string(max_bytes_) + " bytes";
    row_.clear();
  } else {
    row_.resize(std::max<std::size_t>(row_.size(), column_ + 1));
    row_[column_] = std::move(value);
  }
}

Status XlsxReader::Advance() {
  while (error_.ok() && !row_ready_ && !end_) error_ = sheet_.Step(&end_);
  return error_;
}

Status XlsxReader::Start(const std::string& sheet_part) {
  SIFT_RETURN_IF_ERROR(sheet_.Open(zip_.get(), path_, sheet_part, &handler_));
  while (columns_.empty()) {
    SIFT_RETURN_IF_ERROR(Advance());
    if (!row_ready_) {
      return Status::Corruption(path_ + ": worksheet has no header row");
    }
    row_ready_ = false;
    if (!row_problem_.empty()) {
      return Status::Corruption(path_ + ": header row " +
                                std::to_string(row_number_) + ": " +
                                row_problem_);
    }
    for (std::size_t i = 0, width = UsedWidth(row_); i < width; ++i) {
      columns_.push_back(HeaderName(row_[i], i));
    }
  }
  return Status::Ok();
}

bool XlsxReader::TakeRow(ReadItem* item) {
  item->line = row_number_;
  item->values.clear();
  item->reason.clear();
  std::size_t width = UsedWidth(row_);
  if (!row_problem_.empty()) {
    item->kind = ReadItem::Kind::kRejected;
    item->reason = row_problem_;
  } else if (width > columns_.size()) {
    item->kind = ReadItem::Kind::kRejected;
    item->reason = "row has " + std::to_string(width) + " cells, header has " +
                   std::to_string(columns_.size()) + " columns";
  } else if (width == 0) {
    return false;
  } else {
    item->kind = ReadItem::Kind::kRecord;
    row_.resize(columns_.size());
    item->values.swap(row_);
  }
  return true;
}

Status XlsxReader::Next(ReadItem* item) {
  for (;;) {
    SIFT_RETURN_IF_ERROR(Advance());
    if (!row_ready_) {
      *item = ReadItem();
      item->kind = ReadItem::Kind::kEnd;
      return Status::Ok();
    }
    row_ready_ = false;
    if (TakeRow(item)) return Status::Ok();
  }
}

}  // namespace

Result<std::unique_ptr<RecordReader>> OpenXlsxReader(
    const std::string& path, const ReaderOptions& options) {
  std::size_t max_bytes = std::min(options.max_record_bytes, SIZE_MAX - 1);
  Result<ZipPtr> zip = OpenZip(path);
  if (!zip.ok()) return zip.status();
  Result<WorkbookParts> parts = FindParts(zip->get(), path);
  if (!parts.ok()) return parts.status();
  Result<std::vector<std::string>> shared =
      LoadSharedStrings(zip->get(), path, parts->shared_strings, max_bytes);
  if (!shared.ok()) return shared.status();
  auto reader = std::make_unique<XlsxReader>(path, max_bytes, std::move(*zip),
                                             std::move(*shared));
  SIFT_RETURN_IF_ERROR(reader->Start(parts->sheet));
  return std::unique_ptr<RecordReader>(std::move(reader));
}

}  // namespace sift::ingest
