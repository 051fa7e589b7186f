// Status and Result<T>: the one error style used across sift's library
// boundaries.
//
// A Status is either ok() or carries a Code and a message a user can act on
// (it names the file, the line and the reason where those are known). Errors
// from ICU, RE2, Xapian and oneDNN are translated into a Status at the
// innermost call that sees them; no third-party exception crosses a sift
// public header. Expected bad input rows are not errors: readers report them
// as data (see sift/ingest/record.h).
//
// Thread safety: Status and Result<T> are value types; distinct objects may
// be used from different threads freely.
#ifndef SIFT_CORE_STATUS_H_
#define SIFT_CORE_STATUS_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace sift {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // the caller (or the user, through flags) asked wrongly
    kNotFound,         // a file, database or field does not exist
    kCorruption,       // a file or database is damaged or not what it claims
    kIoError,          // the operating system refused a read or write
    kInternal,         // a third-party library failed unexpectedly
  };

  // An ok status.
  Status() = default;

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return Status(Code::kInvalidArgument, std::move(msg));
  }
  static Status NotFound(std::string msg) {
    return Status(Code::kNotFound, std::move(msg));
  }
  static Status Corruption(std::string msg) {
    return Status(Code::kCorruption, std::move(msg));
  }
  static Status IoError(std::string msg) {
    return Status(Code::kIoError, std::move(msg));
  }
  static Status Internal(std::string msg) {
    return Status(Code::kInternal, std::move(msg));
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // The message without the code's name; empty when ok().
  const std::string& message() const { return message_; }
  // "ok", or "<code name>: <message>".
  std::string ToString() const;

  // Returns a copy whose message is "<context>: <message>". REQUIRES: !ok().
  Status WithContext(const std::string& context) const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}

  Code code_ = Code::kOk;
  std::string message_;
};

// Either a value of T or a non-ok Status.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  // REQUIRES: !status.ok().
  Result(Status status) : status_(std::move(status)) {}  // NOLINT

  bool ok() const { return value_.has_value(); }
  // Ok when a value is held.
  const Status& status() const { return status_; }

  // REQUIRES: ok().
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace sift

// Returns early from a function returning Status (or Result<T>) when `expr`
// yields a non-ok Status.
#define SIFT_RETURN_IF_ERROR(expr)               \
  do {                                           \
    ::sift::Status sift_status_ = (expr);        \
    if (!sift_status_.ok()) return sift_status_; \
  } while (0)

#endif  // SIFT_CORE_STATUS_H_
