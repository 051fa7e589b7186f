// OpenXlsxReader: the XLSX RecordReader behind OpenRecordReader.
//
// Streams the workbook's first worksheet (the first <sheet> of
// xl/workbook.xml, resolved through xl/_rels/workbook.xml.rels) row by row;
// only the shared-string table is held in memory whole. The first row with a
// value is the header; empty rows are skipped; ReadItem::line is the sheet's
// row number.
#ifndef SIFT_INGEST_SRC_XLSX_READER_H_
#define SIFT_INGEST_SRC_XLSX_READER_H_

#include <memory>
#include <string>

#include "sift/core/status.h"
#include "sift/ingest/record_reader.h"

namespace sift::ingest {

// Opens an .xlsx workbook and streams its first worksheet. Fails (naming
// `path`) when the file is not a zip archive, has no worksheet, or its XML
// before the header row is malformed.
Result<std::unique_ptr<RecordReader>> OpenXlsxReader(
    const std::string& path, const ReaderOptions& options);

}  // namespace sift::ingest

#endif  // SIFT_INGEST_SRC_XLSX_READER_H_
