// Helpers shared by the test suites: a temporary directory that removes
// itself, file writing, and where the fetched data lives.
#ifndef SIFT_TESTS_TEST_UTIL_H_
#define SIFT_TESTS_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace sift::testing {

// Where scripts/fetch-vectors.sh and scripts/fetch-lexicon.sh put the word
// vectors and the VADER lexicon: $SIFT_DATA_DIR, else ~/.cache/sift (as the
// sift command looks for them).
inline std::string DataDir() {
  if (const char* data = std::getenv("SIFT_DATA_DIR"); data && *data) {
    return data;
  }
  const char* home = std::getenv("HOME");
  return std::string(home ? home : ".") + "/.cache/sift";
}

// A fresh directory under $TMPDIR, removed with everything in it on scope
// exit.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "sift-test-XXXXXX").string();
    char* made = mkdtemp(pattern.data());
    EXPECT_NE(made, nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // path()/name as a string.
  std::string file(const std::string& name) const {
    return (path_ / name).string();
  }

 private:
  std::filesystem::path path_;
};

// Writes `bytes` verbatim to `path` and returns `path`.
inline std::string WriteFile(const std::string& path,
                             const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  return path;
}

// A small wide export (one row per respondent, one column per question):
// W1 answers both questions, W2 one, W3 none.
inline constexpr char kWideCsv[] =
    "Response ID,Respondent type,District,Q1. Roads?,Q2. Schools?\n"
    "W1,resident,St Albans,Fix potholes,More teachers\n"
    "W2,business,Watford,,Apprenticeships\n"
    "W3,resident,Dacorum,,\n";

// How many times `what` occurs in `text`, without overlaps.
inline std::size_t Occurrences(const std::string& text,
                               const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + what.size())) {
    ++n;
  }
  return n;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace sift::testing

#endif  // SIFT_TESTS_TEST_UTIL_H_
