// A one-line progress display on stderr, drawn only when stderr is a
// terminal and not silenced with --quiet.
#ifndef SIFT_CLI_SRC_PROGRESS_H_
#define SIFT_CLI_SRC_PROGRESS_H_

#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace sift::cli {

class ProgressLine {
 public:
  explicit ProgressLine(bool quiet)
      : enabled_(!quiet && isatty(fileno(stderr))) {}
  ~ProgressLine() { Clear(); }

  bool enabled() const { return enabled_; }

  void Show(const std::string& text) {
    if (!enabled_) return;
    fmt::print(stderr, "\r\033[K{}", text);
    std::fflush(stderr);
    shown_ = true;
  }

  void Clear() {
    if (!shown_) return;
    fmt::print(stderr, "\r\033[K");
    std::fflush(stderr);
    shown_ = false;
  }

 private:
  bool enabled_;
  bool shown_ = false;
};

}  // namespace sift::cli

#endif  // SIFT_CLI_SRC_PROGRESS_H_
