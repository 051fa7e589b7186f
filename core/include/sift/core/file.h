// Reading and writing whole files; a reader never sees half of a written
// one.
//
// Thread safety: both functions are reentrant; two writes of the same path
// race as rename(2) does (one of the two complete files wins).
#ifndef SIFT_CORE_FILE_H_
#define SIFT_CORE_FILE_H_

#include <string>
#include <string_view>

#include "sift/core/status.h"

namespace sift {

// Writes `bytes` to a new temporary file beside `path`, flushes it to disk
// and renames it over `path`: afterwards `path` holds the old contents or
// all of `bytes`, never a part, and no temporary file is left behind. The
// file is created with mode 0644. On failure returns IoError naming `path`
// and the operating system's reason (e.g. a missing directory).
Status WriteFileAtomically(const std::string& path, std::string_view bytes);

// The whole contents of `path`. NotFound "<path>: <missing>" when it cannot
// be opened (`missing` says what the caller expected there, and how to get
// it); IoError naming `path` when it is a directory or reading fails.
Result<std::string> ReadWholeFile(const std::string& path,
                                  std::string_view missing);

}  // namespace sift

#endif  // SIFT_CORE_FILE_H_
