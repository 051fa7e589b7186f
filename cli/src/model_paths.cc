#include "model_paths.h"

#include <cstdlib>
#include <filesystem>

namespace sift::cli {
namespace fs = std::filesystem;

std::string ModelsDir() {
  if (const char* env = std::getenv("SIFT_MODELS_DIR"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share/sift/models";
    if (fs::exists(installed / "default", ec)) return installed.string();
  }
  return SIFT_SOURCE_MODELS_DIR;
}

std::string DefaultModelDir() {
  return (fs::path(ModelsDir()) / "default").string();
}

namespace {

fs::path DataDir() {
  if (const char* data = std::getenv("SIFT_DATA_DIR"); data && *data) {
    return data;
  }
  const char* home = std::getenv("HOME");
  return fs::path(home ? home : ".") / ".cache" / "sift";
}

}  // namespace

std::string DefaultVectorsPath() {
  if (const char* env = std::getenv("SIFT_VECTORS"); env && *env) return env;
  return (DataDir() / "glove-6b-100d-150k.siftvec").string();
}

std::string DefaultLexiconPath() {
  if (const char* env = std::getenv("SIFT_LEXICON"); env && *env) return env;
  return (DataDir() / "vader_lexicon.txt").string();
}

}  // namespace sift::cli
