// Writing whole files so that a reader never sees half of one.
//
// Thread safety: WriteFileAtomically() is reentrant; two calls for the same
// path race as rename(2) does (one of the two complete files wins).
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

}  // namespace sift

#endif  // SIFT_CORE_FILE_H_
