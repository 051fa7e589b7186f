// Headless Chromium for the digest's browser tests (Debian's chromium).
#ifndef SIFT_TESTS_REPORT_CHROMIUM_UTIL_H_
#define SIFT_TESTS_REPORT_CHROMIUM_UTIL_H_

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace sift::testing {

// The Chromium binary ($SIFT_CHROMIUM or /usr/bin/chromium), "" if absent.
inline std::string Chromium() {
  const char* env = std::getenv("SIFT_CHROMIUM");
  std::string path = env && *env ? env : "/usr/bin/chromium";
  return access(path.c_str(), X_OK) == 0 ? path : std::string();
}

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs headless Chromium on file://`html` with `action` (a --screenshot=,
// --print-to-pdf= or --dump-dom flag); stdout goes to `out`. The flags keep
// it off the network (this machine has none) and out of the user's profile.
inline int RunChromium(const std::string& dir, const std::string& html,
                       const std::string& action, const std::string& out) {
  std::string command =
      std::string("timeout 60 '")
          .append(Chromium())
          .append(
              "' --headless --no-sandbox --disable-gpu --disable-quic "
              "--no-first-run --disable-background-networking "
              "--disable-component-update --disable-sync "
              "--hide-scrollbars --no-pdf-header-footer "
              "--window-size=1240,1754 --user-data-dir='")
          .append(dir)
          .append("/profile' ")
          .append(action)
          .append(" 'file://")
          .append(html)
          .append("' >'")
          .append(out)
          .append("' 2>'")
          .append(dir)
          .append("/chromium.log'");
  return std::system(command.c_str());
}

}  // namespace sift::testing

#endif  // SIFT_TESTS_REPORT_CHROMIUM_UTIL_H_
