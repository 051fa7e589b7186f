// Internal: translating Xapian exceptions into sift Status values.
#ifndef SIFT_INDEX_SRC_XAPIAN_STATUS_H_
#define SIFT_INDEX_SRC_XAPIAN_STATUS_H_

#include <xapian.h>

#include <string>

#include "sift/core/status.h"

namespace sift::index {

// A Status naming `db_path` and what went wrong, in words a user can act on.
inline Status FromXapian(const Xapian::Error& e, const std::string& db_path) {
  std::string what = e.get_msg();
  std::string type = e.get_type();
  if (type == "DatabaseLockError") {
    return Status::IoError(db_path +
                           ": database is locked by another sift process");
  }
  if (type == "DatabaseNotFoundError") {
    return Status::NotFound(db_path +
                            ": no sift database here (run `sift "
                            "ingest FILE --db " +
                            db_path + "` first)");
  }
  if (type == "DatabaseOpeningError" || type == "DatabaseVersionError") {
    return Status::Corruption(db_path +
                              ": not a readable Xapian database: " + what);
  }
  if (type == "DatabaseCorruptError") {
    return Status::Corruption(db_path + ": database is corrupt: " + what);
  }
  if (type == "QueryParserError") {
    return Status::InvalidArgument("cannot parse the query: " + what);
  }
  if (type == "DatabaseError" || type == "DatabaseModifiedError") {
    return Status::IoError(db_path + ": " + what);
  }
  return Status::Internal(db_path + ": Xapian " + type + ": " + what);
}

}  // namespace sift::index

#endif  // SIFT_INDEX_SRC_XAPIAN_STATUS_H_
