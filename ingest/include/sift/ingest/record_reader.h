// RecordReader: streams the records of one export file (CSV, JSONL or XLSX)
// as rows of UTF-8 strings under a header, with bad rows reported as data.
//
// Every value a reader yields is valid UTF-8: bytes that are not are decoded
// from the file's legacy encoding (Windows-1252 unless told or detected
// otherwise) and counted in DecodeStats; what cannot be decoded becomes
// U+FFFD and is counted too. UTF-16 files with a
// byte-order mark and UTF-8 files with one are read transparently.
//
// Memory stays flat: a reader holds one record (plus, for XLSX, the
// workbook's shared-string table) whatever the file's size.
//
// Thread safety: a RecordReader is used by one thread at a time.
#ifndef SIFT_INGEST_RECORD_READER_H_
#define SIFT_INGEST_RECORD_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sift/core/status.h"

namespace sift::ingest {

enum class FileFormat { kAuto, kCsv, kJsonl, kXlsx };

// Parses "csv", "tsv", "jsonl", "json", "ndjson", "xlsx" (case-insensitive).
// Returns InvalidArgument for anything else.
Result<FileFormat> ParseFileFormat(const std::string& name);

struct ReaderOptions {
  // kAuto picks by extension (.csv .tsv .txt -> CSV, .jsonl .ndjson .json ->
  // JSONL, .xlsx -> XLSX).
  FileFormat format = FileFormat::kAuto;
  // CSV delimiter; 0 sniffs among ',', ';' and tab from the header line.
  char delimiter = 0;
  // ICU converter name used for bytes that are not valid UTF-8. Empty means
  // detect from the first such bytes, falling back to windows-1252.
  std::string legacy_encoding;
  // A single record larger than this is rejected (an unbalanced quote can
  // otherwise swallow the rest of a file), and reading resumes after it.
  std::size_t max_record_bytes = 1 << 20;
};

struct DecodeStats {
  std::int64_t repaired_values = 0;  // values converted from legacy_encoding
  std::int64_t replaced_chars = 0;   // characters that became U+FFFD
  // Values whose mojibake (UTF-8 once mis-decoded as Windows-1252:
  // "donâ€™t") was undone; counted by ResponseReader, for every format.
  std::int64_t mojibake_values = 0;
  std::string source_encoding;  // "UTF-8", "UTF-16LE", ... as detected
  std::string legacy_encoding;  // the converter used for repairs, if any
};

// One step of a read: a record, a rejected record, or the end of the file.
struct ReadItem {
  enum class Kind { kRecord, kRejected, kEnd };
  Kind kind = Kind::kEnd;
  // 1-based line of the file where the record starts (the sheet row for
  // XLSX, which counts the header as row 1 as CSV counts it as line 1).
  std::int64_t line = 0;
  // kRecord: one value per column of columns(), "" where absent.
  std::vector<std::string> values;
  // kRejected: why, e.g. "row has 4 fields, header has 6".
  std::string reason;
};

class RecordReader {
 public:
  virtual ~RecordReader() = default;

  // Column names in file order (for JSONL, the keys seen so far: the list
  // only grows, and values of earlier records are never re-indexed).
  virtual const std::vector<std::string>& columns() const = 0;

  // Reads the next step into *item. Returns a non-ok Status only when the
  // file as a whole cannot be read further (I/O error, corrupt archive); a
  // bad record is a kRejected item, not an error.
  virtual Status Next(ReadItem* item) = 0;

  virtual const DecodeStats& decode_stats() const = 0;
};

// Opens `path` for reading. Errors name the file and the reason (missing,
// unreadable, unknown format, no header, corrupt workbook).
Result<std::unique_ptr<RecordReader>> OpenRecordReader(
    const std::string& path, const ReaderOptions& options);

}  // namespace sift::ingest

#endif  // SIFT_INGEST_RECORD_READER_H_
