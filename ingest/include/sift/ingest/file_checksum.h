// FileSha256: the SHA-256 of a file's bytes, so a report can say exactly
// which export it was built from.
//
// Thread safety: a pure function of the file; calls may run concurrently.
#ifndef SIFT_INGEST_FILE_CHECKSUM_H_
#define SIFT_INGEST_FILE_CHECKSUM_H_

#include <string>

#include "sift/core/status.h"

namespace sift::ingest {

// 64 lower-case hex digits. NotFound/IoError name the file.
Result<std::string> FileSha256(const std::string& path);

}  // namespace sift::ingest

#endif  // SIFT_INGEST_FILE_CHECKSUM_H_
