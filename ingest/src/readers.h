// Internal: constructors for the concrete RecordReaders, used by
// OpenRecordReader() in record_reader.cc.
#ifndef SIFT_INGEST_SRC_READERS_H_
#define SIFT_INGEST_SRC_READERS_H_

#include <memory>
#include <string>

#include "sift/ingest/record_reader.h"

namespace sift::ingest {

// RFC 4180 CSV through libcsv: quoted fields with delimiters, quotes and
// newlines; CRLF or LF; delimiter sniffed among ',', ';' and tab.
Result<std::unique_ptr<RecordReader>> OpenCsvReader(
    const std::string& path, const ReaderOptions& options);

// JSON Lines: one object per line; keys become columns.
Result<std::unique_ptr<RecordReader>> OpenJsonlReader(
    const std::string& path, const ReaderOptions& options);

// Picks ',', ';' or tab: whichever occurs most outside quotes in the first
// line of `sample`; ',' when none does.
char SniffDelimiter(const std::string& sample);

}  // namespace sift::ingest

#endif  // SIFT_INGEST_SRC_READERS_H_
