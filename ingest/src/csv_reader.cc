#include <csv.h>

#include <deque>
#include <string>
#include <vector>

#include "readers.h"
#include "text_source.h"

namespace sift::ingest {
namespace {

int NeverSpace(unsigned char) { return 0; }

// Strict parsing flags a quote that is neither doubled nor next to a
// delimiter; lenient parsing keeps it as text.
constexpr unsigned char kStrict =
    CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL;
constexpr unsigned char kLenient = CSV_STRICT_FINI | CSV_APPEND_NULL;

std::string Trim(const std::string& s) {
  const char* ws = " \t\r\n";
  std::size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

// Streams records by feeding libcsv one physical line at a time, so that the
// line where each record starts is known. A quote left open costs one
// record, not the rest of the file: when the record it opens grows past the
// size limit, runs into a line whose quotes do not fit, ends with the wrong
// number of fields, or reaches the end of the file, that record is rejected
// and the lines after its first are parsed again.
class CsvReader : public RecordReader {
 public:
  CsvReader(std::unique_ptr<LineSource> source, const ReaderOptions& options)
      : source_(std::move(source)),
        decoder_(options.legacy_encoding, source_->sample()),
        max_record_bytes_(options.max_record_bytes) {
    delimiter_ = options.delimiter != 0 ? options.delimiter
                                        : SniffDelimiter(source_->sample());
    ResetParser();
    decoder_.mutable_stats().source_encoding = source_->encoding();
  }
  ~CsvReader() override { csv_free(&parser_); }

  Status ReadHeader() {
    ReadItem item;
    SIFT_RETURN_IF_ERROR(NextRaw(&item));
    if (item.kind != ReadItem::Kind::kRecord) {
      return Status::InvalidArgument(source_->path() +
                                     ": no header row (the file is empty)");
    }
    for (std::size_t i = 0; i < item.values.size(); ++i) {
      std::string name = Trim(item.values[i]);
      if (name.empty()) name = "column_" + std::to_string(i + 1);
      columns_.push_back(name);
    }
    return Status::Ok();
  }

  const std::vector<std::string>& columns() const override { return columns_; }
  const DecodeStats& decode_stats() const override { return decoder_.stats(); }

  Status Next(ReadItem* item) override {
    SIFT_RETURN_IF_ERROR(NextRaw(item));
    if (item->kind != ReadItem::Kind::kRecord) return Status::Ok();
    std::vector<std::string>& v = item->values;
    while (v.size() > columns_.size() && Trim(v.back()).empty()) v.pop_back();
    if (v.size() != columns_.size()) {
      item->kind = ReadItem::Kind::kRejected;
      item->reason = "row has " + std::to_string(v.size()) +
                     " fields, header has " + std::to_string(columns_.size());
      v.clear();
      // A malformed record that spans lines is most often a quote left open
      // that swallowed the rows below it up to the next quote: reject only
      // its first line and read the others again.
      if (last_lines_.size() > 1) {
        item->reason +=
            " (a quote opened on this line is not closed where "
            "the row ends; the lines after it are read again)";
        replay_.insert(replay_.begin(), last_lines_.begin() + 1,
                       last_lines_.end());
        csv_free(&parser_);
        ResetParser();
      }
    }
    return Status::Ok();
  }

 private:
  using Lines = std::vector<std::pair<std::int64_t, std::string>>;
  struct Pending {
    std::int64_t line;
    std::vector<std::string> fields;
    Lines lines;  // the physical lines, kept only when there are several
  };

  static void OnField(void* data, std::size_t len, void* self) {
    auto* r = static_cast<CsvReader*>(self);
    r->fields_.push_back(
        r->decoder_.Decode(std::string_view(static_cast<char*>(data), len)));
  }
  static void OnRecordEnd(int, void* self) {
    auto* r = static_cast<CsvReader*>(self);
    Lines lines;
    if (r->record_lines_.size() > 1) lines = std::move(r->record_lines_);
    r->done_.push_back(
        {r->record_start_, std::move(r->fields_), std::move(lines)});
    r->fields_.clear();
    r->record_lines_.clear();
    r->record_bytes_ = 0;
    r->record_start_ = 0;
  }

  void ResetParser() {
    csv_init(&parser_, kStrict);
    csv_set_delim(&parser_, static_cast<unsigned char>(delimiter_));
    csv_set_space_func(&parser_, NeverSpace);
    fields_.clear();
    record_lines_.clear();
    record_bytes_ = 0;
    record_start_ = 0;
  }

  // Rejects the open record and re-parses the lines after its first.
  void RejectOpenRecord(const std::string& reason) {
    rejected_.push_back({record_start_, reason});
    std::deque<std::pair<std::int64_t, std::string>> rest(
        record_lines_.begin() + 1, record_lines_.end());
    replay_.insert(replay_.begin(), rest.begin(), rest.end());
    csv_free(&parser_);
    ResetParser();
  }

  Status Feed(std::int64_t line_no, const std::string& line) {
    if (record_start_ == 0) {
      if (Trim(line).empty()) return Status::Ok();  // blank line between rows
      record_start_ = line_no;
    }
    record_lines_.emplace_back(line_no, line);
    record_bytes_ += line.size();
    // Checked before parsing: once parsed, a record that ends on this line
    // is already complete and would escape the limit.
    if (record_bytes_ > max_record_bytes_) {
      RejectOpenRecord("record larger than " +
                       std::to_string(max_record_bytes_) +
                       " bytes (a quote left open?)");
      return Status::Ok();
    }
    if (Parse(line)) return Status::Ok();
    if (csv_error(&parser_) != CSV_EPARSE) return ParserFailure(line_no);
    if (record_lines_.size() > 1) {
      // A quote opened on an earlier line was never closed, and this line's
      // quotes do not fit: the record swallowed rows. Reject its first line
      // and read the rest again.
      RejectOpenRecord(
          "quoted field not closed before the next row (the lines after it "
          "are read again)");
      return Status::Ok();
    }
    // A stray quote inside a one-line field ('5\'10" tall'): keep it as text.
    csv_free(&parser_);
    ResetParser();
    record_start_ = line_no;
    record_lines_.emplace_back(line_no, line);
    record_bytes_ = line.size();
    csv_set_opts(&parser_, kLenient);
    bool parsed = Parse(line);
    csv_set_opts(&parser_, kStrict);
    return parsed ? Status::Ok() : ParserFailure(line_no);
  }

  bool Parse(const std::string& line) {
    return csv_parse(&parser_, line.data(), line.size(), OnField, OnRecordEnd,
                     this) == line.size();
  }

  Status ParserFailure(std::int64_t line_no) {
    return Status::Internal(
        source_->path() + ":" + std::to_string(line_no) +
        ": CSV parser failed: " + csv_strerror(csv_error(&parser_)));
  }

  Status Finish() {
    // libcsv honours CSV_STRICT_FINI only together with CSV_STRICT.
    csv_set_opts(&parser_, kStrict);
    if (csv_fini(&parser_, OnField, OnRecordEnd, this) != 0) {
      RejectOpenRecord("quoted field never closed");
      return Status::Ok();
    }
    finished_ = true;
    return Status::Ok();
  }

  Status NextRaw(ReadItem* item) {
    while (done_.empty() && rejected_.empty() && !finished_) {
      std::string line;
      std::int64_t line_no;
      if (!replay_.empty()) {
        line_no = replay_.front().first;
        line = std::move(replay_.front().second);
        replay_.pop_front();
      } else {
        bool eof = false;
        SIFT_RETURN_IF_ERROR(source_->NextLine(&line, &eof));
        if (eof) {
          SIFT_RETURN_IF_ERROR(Finish());
          continue;
        }
        // A bare CR ends a line too (classic Mac exports): split there, so
        // that line numbers and the record size limit hold per line.
        std::size_t start = 0;
        for (std::size_t i = 0; i + 1 < line.size(); ++i) {
          if (line[i] == '\r' && line[i + 1] != '\n') {
            replay_.emplace_back(++lines_read_,
                                 line.substr(start, i + 1 - start));
            start = i + 1;
          }
        }
        if (start > 0) {
          replay_.emplace_back(++lines_read_, line.substr(start));
          continue;
        }
        line_no = ++lines_read_;
      }
      SIFT_RETURN_IF_ERROR(Feed(line_no, line));
    }
    // Emit in line order: a rejection can precede records parsed on replay.
    last_lines_.clear();
    bool take_rejected =
        !rejected_.empty() &&
        (done_.empty() || rejected_.front().first <= done_.front().line);
    if (take_rejected) {
      item->kind = ReadItem::Kind::kRejected;
      item->line = rejected_.front().first;
      item->reason = rejected_.front().second;
      item->values.clear();
      rejected_.pop_front();
    } else if (!done_.empty()) {
      item->kind = ReadItem::Kind::kRecord;
      item->line = done_.front().line;
      item->values = std::move(done_.front().fields);
      last_lines_ = std::move(done_.front().lines);
      item->reason.clear();
      done_.pop_front();
    } else {
      item->kind = ReadItem::Kind::kEnd;
    }
    return Status::Ok();
  }

  std::unique_ptr<LineSource> source_;
  ValueDecoder decoder_;
  std::size_t max_record_bytes_;
  char delimiter_;
  csv_parser parser_;
  std::vector<std::string> columns_;

  std::vector<std::string> fields_;  // fields of the record being parsed
  std::int64_t record_start_ = 0;    // 0 when no record is open
  std::size_t record_bytes_ = 0;
  Lines record_lines_;
  Lines last_lines_;  // lines of the record NextRaw() returned last
  std::deque<std::pair<std::int64_t, std::string>> replay_;
  std::deque<Pending> done_;
  std::deque<std::pair<std::int64_t, std::string>> rejected_;
  std::int64_t lines_read_ = 0;
  bool finished_ = false;
};

}  // namespace

char SniffDelimiter(const std::string& sample) {
  int counts[3] = {0, 0, 0};
  const char candidates[3] = {',', ';', '\t'};
  bool quoted = false;
  for (char c : sample) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    for (int i = 0; i < 3; ++i) counts[i] += (c == candidates[i]);
  }
  int best = 0;
  for (int i = 1; i < 3; ++i) {
    if (counts[i] > counts[best]) best = i;
  }
  return candidates[best];
}

Result<std::unique_ptr<RecordReader>> OpenCsvReader(
    const std::string& path, const ReaderOptions& options) {
  auto source = LineSource::Open(path);
  if (!source.ok()) return source.status();
  auto reader = std::make_unique<CsvReader>(std::move(source.value()), options);
  SIFT_RETURN_IF_ERROR(reader->ReadHeader());
  return std::unique_ptr<RecordReader>(std::move(reader));
}

}  // namespace sift::ingest
