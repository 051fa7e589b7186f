// Helpers for tests that run the built `sift` binary.
#ifndef SIFT_TESTS_CLI_CLI_TEST_UTIL_H_
#define SIFT_TESTS_CLI_CLI_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_util.h"

namespace sift::testing {

using Json = nlohmann::json;

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs `sift ARGS...` with stderr captured in `dir`.
inline Outcome Sift(const TempDir& dir, const std::vector<std::string>& args) {
  std::string cmd = Quote(SIFT_BINARY);
  for (const auto& a : args) {
    cmd += ' ';
    cmd += Quote(a);
  }
  std::string err_path = dir.file("stderr.txt");
  cmd += " 2>";
  cmd += Quote(err_path);
  Outcome o;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "popen failed: " << cmd;
    return o;
  }
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) {
    o.out.append(buf, n);
  }
  int status = pclose(pipe);
  o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  o.err = ReadFile(err_path);
  return o;
}

inline Json ParseJson(const std::string& text) {
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(j.is_discarded()) << "not JSON: " << text;
  return j;
}

}  // namespace sift::testing

#endif  // SIFT_TESTS_CLI_CLI_TEST_UTIL_H_
