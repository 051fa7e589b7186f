// Response and ResponseReader: the ingest library's main interface. A
// ResponseReader streams one export file as cleaned, redacted responses (or
// rejections with file, line and reason), whatever its format or shape.
//
// Long exports have one response per row and one text column. Wide exports
// (Citizen Space, SmartSurvey) have one row per respondent and one column per
// question: with FieldMapping::text_columns set, each non-empty answer becomes
// one response whose `question` is its column header.
//
// Accounting, per file: every unit read ends as a response or a rejection.
// A unit is a row (long) or a non-empty answer (wide); a wide row with no
// answer at all is one rejected unit. So units == responses + rejections.
#ifndef SIFT_INGEST_RESPONSE_H_
#define SIFT_INGEST_RESPONSE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sift/core/status.h"
#include "sift/ingest/record_reader.h"
#include "sift/ingest/redactor.h"
#include "sift/ingest/sectors.h"

namespace sift::ingest {

// One response, as stored and indexed.
struct Response {
  // Stable across re-ingests: the file's id column, or "<file stem>:<row>";
  // in wide exports "<respondent id>/<question key>".
  std::string id;
  std::string text;          // analysis form (see normalizer.h), redacted
  std::string display_text;  // display form, redacted
  std::string question;
  std::string respondent_type;
  std::string organisation;
  // Canonical sector id (sectors.h) when the reader has a SectorMapper,
  // else "". `sector_raw` is what the respondent wrote.
  std::string sector;
  std::string sector_raw;
  std::string district;
  std::string date;  // ISO 8601 when recognised, else as written
  // Every other column, by header name, display-normalised and redacted.
  std::vector<std::pair<std::string, std::string>> metadata;
  std::string respondent;  // respondent key: the row's id, or file stem:row
  std::string source_file;
  std::int64_t source_line = 0;
};

struct Rejection {
  std::string file;
  std::int64_t line = 0;  // 1-based line where the record starts
  std::string reason;
};

// How columns become fields. Fields: id, text, question, respondent_type,
// organisation, sector, district, date. Without an explicit mapping a field
// takes the first column whose name, compared case-insensitively and
// ignoring punctuation, is the field's name or a common alias ("Response
// ID", "Respondent type", "User type", "Organisation name", "Date submitted",
// "Comment", "Answer" ...; see field_mapping.cc).
struct FieldMapping {
  // FIELD -> COLUMN pairs given by the user (--map FIELD=COLUMN).
  std::vector<std::pair<std::string, std::string>> explicit_columns;
  // Wide exports: the answer columns. Each entry is a column name, a prefix
  // ending at a word boundary ("Q1" matches "Q1. What ..." but not "Q10"),
  // a prefix with '*' ("Q*"), or 1-based positions ("#19", "#19-25") for
  // exports whose headers repeat or run long.
  std::vector<std::string> text_columns;
};

// Parses "FIELD=COLUMN"; InvalidArgument names the unknown field.
Result<std::pair<std::string, std::string>> ParseFieldAssignment(
    const std::string& assignment);

struct ResponseReaderOptions {
  ReaderOptions reader;
  FieldMapping mapping;
  bool redact = true;  // false only with --no-redact
  // Maps each respondent's sector to a canonical id: from what they typed,
  // their organisation and respondent type, and, when none of those says,
  // from the text of all their answers. Unset: Response::sector stays "".
  std::optional<SectorMapper> sectors;
};

// Counts kept while reading one file.
struct FileStats {
  std::int64_t units = 0;        // rows (long) or answers (wide) read
  std::int64_t respondents = 0;  // rows read, rejected ones included
  std::int64_t responses = 0;
  std::int64_t rejected = 0;
  RedactionCounts redactions;
  DecodeStats decode;
  // Typed sector values the mapper could not place (or placed only from
  // the text), with counts, for an analyst to write rules for.
  UnmappedSectors unmapped_sectors;
};

// One step of a ResponseReader.
struct ResponseItem {
  enum class Kind { kResponse, kRejected, kEnd };
  Kind kind = Kind::kEnd;
  Response response;    // kResponse
  Rejection rejection;  // kRejected
};

// Streams one file. Owns its RecordReader. Not thread-safe; use one per
// thread.
class ResponseReader {
 public:
  ~ResponseReader();
  ResponseReader(ResponseReader&&) noexcept;

  // Opens `path` and resolves the columns. Errors name the file and say
  // what is missing ("no text column: pass --map text=COLUMN or --text").
  static Result<ResponseReader> Open(const std::string& path,
                                     const ResponseReaderOptions& options);

  // Reads the next response or rejection. A non-ok Status means the file
  // cannot be read further (see RecordReader::Next).
  Status Next(ResponseItem* item);

  // Counts so far; complete once Next() has returned kEnd.
  const FileStats& stats() const;
  // The resolved mapping, for reports: field -> column ("" if unmapped).
  std::vector<std::pair<std::string, std::string>> resolved_columns() const;

 private:
  class Impl;
  explicit ResponseReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sift::ingest

#endif  // SIFT_INGEST_RESPONSE_H_
