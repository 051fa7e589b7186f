#include "sift/nlp/word_vectors.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

#include "vector_table_format.h"

namespace sift::nlp {
namespace {

using vector_table::Fnv1a64;
using vector_table::GetLe;
using vector_table::kChecksumSize;
using vector_table::kHeaderSize;
using vector_table::kMagic;
using vector_table::kMaxDim;
using vector_table::kVersion;

std::string Hex(std::uint64_t value) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx",
                static_cast<unsigned long long>(value));
  return buf;
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(
      std::fopen(path.c_str(), "rb"), &std::fclose);
  if (file == nullptr) {
    const int err = errno;
    std::string msg = path + ": cannot open: " + std::strerror(err);
    if (err == ENOENT) return Status::NotFound(std::move(msg));
    return Status::IoError(std::move(msg));
  }
  std::string bytes;
  char buf[1 << 16];
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec) bytes.reserve(size);
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, file.get())) > 0;) {
    bytes.append(buf, n);
  }
  if (std::ferror(file.get())) {
    return Status::IoError(path + ": read failed: " + std::strerror(errno));
  }
  return bytes;
}

}  // namespace

struct WordVectors::Table {
  std::string path;
  std::string bytes;  // the whole file; rows and words point into it
  int dim = 0;
  std::size_t count = 0;
  std::uint64_t checksum = 0;
  std::vector<std::string_view> words;
  std::unordered_map<std::string_view, int> rows;

  std::size_t RowBytes() const { return 4 + static_cast<std::size_t>(dim); }
  std::size_t RowsEnd() const { return kHeaderSize + count * RowBytes(); }
  // Check, in order, the magic, the version, the header values and the
  // length, then the checksum and the vocabulary. See models/FORMAT.md.
  Status ParseHeader();
  Status ParseBody();
};

Status WordVectors::Table::ParseHeader() {
  const std::size_t head = std::min(bytes.size(), sizeof kMagic);
  if (std::memcmp(bytes.data(), kMagic, head) != 0) {
    return Status::Corruption("not a sift vector table (bad magic number)");
  }
  if (bytes.size() < kHeaderSize + kChecksumSize) {
    return Status::Corruption("truncated: only " +
                              std::to_string(bytes.size()) + " bytes");
  }
  const auto version = GetLe(bytes.data() + 8, 4);
  if (version != kVersion) {
    return Status::Corruption("unsupported format version " +
                              std::to_string(version) +
                              " (this build reads version 1)");
  }
  const auto dim64 = GetLe(bytes.data() + 12, 4);
  count = GetLe(bytes.data() + 16, 4);
  if (dim64 == 0 || dim64 > kMaxDim || count > INT_MAX) {
    return Status::Corruption("implausible header: dimension " +
                              std::to_string(dim64) + ", " +
                              std::to_string(count) + " words");
  }
  dim = static_cast<int>(dim64);
  const std::size_t min_size = RowsEnd() + 2 * count + kChecksumSize;
  if (bytes.size() < min_size) {
    return Status::Corruption("truncated: " + std::to_string(bytes.size()) +
                              " bytes, but " + std::to_string(count) +
                              " rows of dimension " + std::to_string(dim) +
                              " need at least " + std::to_string(min_size));
  }
  return Status::Ok();
}

Status WordVectors::Table::ParseBody() {
  const std::size_t end = bytes.size() - kChecksumSize;
  checksum = GetLe(bytes.data() + end, 8);
  const std::uint64_t computed = Fnv1a64(std::string_view(bytes.data(), end));
  if (computed != checksum) {
    return Status::Corruption("checksum mismatch (stored " + Hex(checksum) +
                              ", computed " + Hex(computed) +
                              "): the file is damaged or incomplete");
  }
  words.reserve(count);
  std::size_t pos = RowsEnd();
  for (std::size_t i = 0; i < count; ++i) {
    if (end - pos < 2 || GetLe(bytes.data() + pos, 2) > end - pos - 2) {
      return Status::Corruption("vocabulary overruns the file at word " +
                                std::to_string(i));
    }
    const std::size_t length = GetLe(bytes.data() + pos, 2);
    words.emplace_back(bytes.data() + pos + 2, length);
    pos += 2 + length;
  }
  if (pos != end) {
    return Status::Corruption("unexpected data after the vocabulary (" +
                              std::to_string(end - pos) + " bytes)");
  }
  rows.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    rows.emplace(words[i], static_cast<int>(i));  // the first wins
  }
  return Status::Ok();
}

WordVectors::WordVectors(std::unique_ptr<Table> table)
    : table_(std::move(table)) {}
WordVectors::~WordVectors() = default;
WordVectors::WordVectors(WordVectors&&) noexcept = default;
WordVectors& WordVectors::operator=(WordVectors&&) noexcept = default;

Result<WordVectors> WordVectors::Load(const std::string& path) {
  Result<std::string> bytes = ReadWholeFile(path);
  if (!bytes.ok()) return bytes.status();
  auto table = std::make_unique<Table>();
  table->path = path;
  table->bytes = std::move(bytes).value();
  Status status = table->ParseHeader();
  if (status.ok()) status = table->ParseBody();
  if (!status.ok()) return status.WithContext(path);
  return WordVectors(std::move(table));
}

int WordVectors::dim() const { return table_->dim; }
std::size_t WordVectors::size() const { return table_->count; }
std::uint64_t WordVectors::checksum() const { return table_->checksum; }
const std::string& WordVectors::path() const { return table_->path; }

int WordVectors::Find(std::string_view word) const {
  auto it = table_->rows.find(word);
  return it == table_->rows.end() ? -1 : it->second;
}

std::string_view WordVectors::Word(int row) const {
  return table_->words[static_cast<std::size_t>(row)];
}

void WordVectors::Vector(int row, float* out) const {
  const char* p = table_->bytes.data() + kHeaderSize +
                  static_cast<std::size_t>(row) * table_->RowBytes();
  const float scale =
      std::bit_cast<float>(static_cast<std::uint32_t>(GetLe(p, 4)));
  for (int i = 0; i < table_->dim; ++i) {
    out[i] = static_cast<float>(static_cast<std::int8_t>(p[4 + i])) * scale;
  }
}
}  // namespace sift::nlp
