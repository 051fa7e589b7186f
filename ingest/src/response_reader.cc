#include <deque>
#include <filesystem>

#include "field_mapping.h"
#include "sift/ingest/normalizer.h"
#include "sift/ingest/response.h"
#include "text_source.h"

namespace sift::ingest {
namespace {

// A text whose characters are at least half U+FFFD was not really decoded.
bool MostlyUndecodable(const std::string& text, std::int64_t* bad,
                       std::int64_t* total) {
  *bad = 0;
  *total = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80) ++*total;
    if (text.compare(i, 3, "\xEF\xBF\xBD") == 0) ++*bad;
  }
  return *bad > 0 && *bad * 2 >= *total;
}

// Excel's error values. An answer that starts with '=' or '-' is often
// turned into a broken formula on its way through a spreadsheet.
bool IsSpreadsheetError(const std::string& text) {
  for (const char* error : {"#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!",
                            "#NULL!", "#N/A", "#ERROR!", "#SPILL!"}) {
    if (text == error) return true;
  }
  return false;
}

}  // namespace

Result<std::pair<std::string, std::string>> ParseFieldAssignment(
    const std::string& assignment) {
  std::size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == assignment.size()) {
    return Status::InvalidArgument("--map '" + assignment +
                                   "': expected FIELD=COLUMN");
  }
  std::string field = assignment.substr(0, eq);
  for (int f = 0; f < kFieldCount; ++f) {
    if (field == FieldName(static_cast<Field>(f))) {
      return std::make_pair(field, assignment.substr(eq + 1));
    }
  }
  return Status::InvalidArgument(
      "--map '" + assignment + "': unknown field '" + field +
      "' (fields: id, text, question, respondent_type, organisation, sector, "
      "district, date)");
}

class ResponseReader::Impl {
 public:
  Impl(std::string path, ResponseReaderOptions options,
       std::unique_ptr<RecordReader> reader, TextNormalizer normalizer,
       Redactor redactor)
      : path_(std::move(path)),
        stem_(std::filesystem::path(path_).stem().string()),
        options_(std::move(options)),
        reader_(std::move(reader)),
        normalizer_(normalizer),
        redactor_(std::move(redactor)) {}

  Status Resolve(bool require_text) {
    auto plan = ResolveColumns(reader_->columns(), options_.mapping, path_,
                               require_text);
    if (!plan.ok()) return plan.status();
    plan_ = std::move(plan.value());
    resolved_width_ = reader_->columns().size();
    return Status::Ok();
  }

  Status Next(ResponseItem* item) {
    while (queue_.empty()) {
      ReadItem read;
      SIFT_RETURN_IF_ERROR(reader_->Next(&read));
      if (read.kind == ReadItem::Kind::kEnd) {
        stats_.decode = reader_->decode_stats();
        stats_.decode.mojibake_values = mojibake_values_;
        item->kind = ResponseItem::Kind::kEnd;
        return Status::Ok();
      }
      ++stats_.respondents;
      ++row_;
      if (read.kind == ReadItem::Kind::kRejected) {
        Reject(read.line, read.reason);
        continue;
      }
      if (reader_->columns().size() != resolved_width_) {
        SIFT_RETURN_IF_ERROR(Resolve(false));
      }
      Expand(read);
    }
    *item = std::move(queue_.front());
    queue_.pop_front();
    return Status::Ok();
  }

  const FileStats& stats() const { return stats_; }
  const ColumnPlan& plan() const { return plan_; }
  const std::vector<std::string>& columns() const { return reader_->columns(); }

 private:
  std::string Clean(const std::string& raw) {
    bool repaired = false;
    std::string display =
        normalizer_.ForDisplay(RepairMojibake(raw, &repaired));
    if (repaired) ++mojibake_values_;
    if (options_.redact)
      display = redactor_.Redact(display, &stats_.redactions);
    return display;
  }

  std::string Value(const ReadItem& read, Field field) {
    int c = plan_.field_column[field];
    if (c < 0 || c >= static_cast<int>(read.values.size())) return "";
    return Clean(read.values[c]);
  }

  void Reject(std::int64_t line, std::string reason) {
    ++stats_.units;
    ++stats_.rejected;
    ResponseItem item;
    item.kind = ResponseItem::Kind::kRejected;
    item.rejection = {path_, line, std::move(reason)};
    queue_.push_back(std::move(item));
  }

  // Fills the fields shared by every answer of the row.
  Response RowTemplate(const ReadItem& read) {
    Response r;
    std::string given_id = Value(read, kId);
    r.respondent =
        given_id.empty() ? stem_ + ":" + std::to_string(row_) : given_id;
    r.question = Value(read, kQuestion);
    r.respondent_type = Value(read, kRespondentType);
    r.organisation = Value(read, kOrganisation);
    r.sector_raw = Value(read, kSector);
    r.district = Value(read, kDistrict);
    std::string date = Value(read, kDate);
    std::string iso = ParseDate(date);
    r.date = iso.empty() ? date : iso;
    for (int c : plan_.metadata_columns) {
      if (c >= static_cast<int>(read.values.size())) continue;
      std::string v = Clean(read.values[c]);
      if (!v.empty()) r.metadata.emplace_back(columns()[c], std::move(v));
    }
    r.source_file = path_;
    r.source_line = read.line;
    return r;
  }

  // Turns one record into its responses or rejections, mapping sectors.
  void Expand(const ReadItem& read) {
    const std::size_t first = queue_.size();
    ExpandRow(read);
    if (options_.sectors) MapSector(first);
  }

  // Sets the canonical sector on the row's responses queued from `first`.
  void MapSector(std::size_t first) {
    if (first >= queue_.size() ||
        queue_[first].kind != ResponseItem::Kind::kResponse) {
      return;
    }
    const Response& r = queue_[first].response;
    SectorEvidence evidence{
        r.sector_raw, r.organisation, r.respondent_type, {}};
    SectorMatch match = options_.sectors->Map(evidence);
    if (match.source == SectorMatch::Source::kNone) {
      std::string text;
      for (std::size_t i = first; i < queue_.size(); ++i) {
        text.append(queue_[i].response.display_text).append("\n");
      }
      evidence.text = text;
      match = options_.sectors->Map(evidence);
    }
    stats_.unmapped_sectors.Observe(r.sector_raw, match);
    for (std::size_t i = first; i < queue_.size(); ++i) {
      if (queue_[i].kind == ResponseItem::Kind::kResponse) {
        queue_[i].response.sector = match.sector;
      }
    }
  }

  // Turns one record into its responses or rejections.
  void ExpandRow(const ReadItem& read) {
    Response row = RowTemplate(read);
    if (!plan_.wide()) {
      if (plan_.field_column[kText] < 0) {
        Reject(read.line, "record has no text field");
        return;
      }
      row.id = row.respondent;
      AddAnswer(std::move(row), Value(read, kText), read.line);
      return;
    }
    int answers = 0;
    for (std::size_t i = 0; i < plan_.text_columns.size(); ++i) {
      int c = plan_.text_columns[i];
      std::string text =
          c < static_cast<int>(read.values.size()) ? Clean(read.values[c]) : "";
      if (text.empty()) continue;
      ++answers;
      Response r = row;
      r.question = plan_.question_labels[i];
      r.id = row.respondent + "/" + plan_.question_keys[i];
      AddAnswer(std::move(r), std::move(text), read.line);
    }
    if (answers == 0) {
      Reject(read.line, "no answer in any of the " +
                            std::to_string(plan_.text_columns.size()) +
                            " text columns");
    }
  }

  void AddAnswer(Response r, std::string display, std::int64_t line) {
    std::int64_t bad = 0, total = 0;
    if (display.empty()) return Reject(line, "empty text");
    if (IsSpreadsheetError(display)) {
      return Reject(line, "cell holds the spreadsheet error " + display +
                              ", not an answer (the text was lost before "
                              "export)");
    }
    if (MostlyUndecodable(display, &bad, &total)) {
      return Reject(line, "text cannot be decoded (" + std::to_string(bad) +
                              " of " + std::to_string(total) +
                              " characters unreadable; try --encoding)");
    }
    r.text = normalizer_.ForAnalysis(display);
    r.display_text = std::move(display);
    ++stats_.units;
    ++stats_.responses;
    ResponseItem item;
    item.kind = ResponseItem::Kind::kResponse;
    item.response = std::move(r);
    queue_.push_back(std::move(item));
  }

  std::string path_;
  std::string stem_;
  ResponseReaderOptions options_;
  std::unique_ptr<RecordReader> reader_;
  TextNormalizer normalizer_;
  Redactor redactor_;
  ColumnPlan plan_;
  std::size_t resolved_width_ = 0;
  std::int64_t row_ = 0;
  FileStats stats_;
  std::int64_t mojibake_values_ = 0;
  std::deque<ResponseItem> queue_;
};

ResponseReader::ResponseReader(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}
ResponseReader::~ResponseReader() = default;
ResponseReader::ResponseReader(ResponseReader&&) noexcept = default;

Result<ResponseReader> ResponseReader::Open(
    const std::string& path, const ResponseReaderOptions& options) {
  auto normalizer = TextNormalizer::Create();
  if (!normalizer.ok()) return normalizer.status();
  auto redactor = Redactor::Create();
  if (!redactor.ok()) return redactor.status();
  auto reader = OpenRecordReader(path, options.reader);
  if (!reader.ok()) return reader.status();
  bool tabular = !reader.value()->columns().empty();
  auto impl =
      std::make_unique<Impl>(path, options, std::move(reader.value()),
                             normalizer.value(), std::move(redactor.value()));
  SIFT_RETURN_IF_ERROR(impl->Resolve(/*require_text=*/tabular));
  return ResponseReader(std::move(impl));
}

Status ResponseReader::Next(ResponseItem* item) { return impl_->Next(item); }

const FileStats& ResponseReader::stats() const { return impl_->stats(); }

std::vector<std::pair<std::string, std::string>>
ResponseReader::resolved_columns() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (int f = 0; f < kFieldCount; ++f) {
    int c = impl_->plan().field_column[f];
    out.emplace_back(FieldName(static_cast<Field>(f)),
                     c >= 0 ? impl_->columns()[c] : "");
  }
  return out;
}

}  // namespace sift::ingest
