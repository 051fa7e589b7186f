// Internal: little helpers for sift's model files (model.bin, the n-gram
// models, the vector table, sentiment.json): a byte-string writer, a
// bounds-checked reader, and FNV-1a, the hash behind every checksum and
// fingerprint in nlp/. Host byte order (x86-64 and
// aarch64 are both little-endian); the files are written and read by sift
// itself.
#ifndef SIFT_NLP_SRC_BYTE_IO_H_
#define SIFT_NLP_SRC_BYTE_IO_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace sift::nlp::byte_io {

// FNV-1a's offset bases: the standard one (the vector table, n-gram
// lookups), and the one model.bin, the n-gram files, sentiment.json and the
// data and lexicon fingerprints have used since their first versions, a
// digit short of the standard; it stays so their checksums stay valid.
inline constexpr std::uint64_t kFnvOffsetBasis = 14695981039346656037ull;
inline constexpr std::uint64_t kModelFnvBasis = 1469598103934665603ull;

// FNV-1a, 64 bits, over `bytes`, continuing from `hash` (an offset basis,
// or the hash of what came before).
inline std::uint64_t Fnv1a64(std::string_view bytes, std::uint64_t hash) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

// The checksum a model file ends with, over every byte before it.
inline std::uint64_t ModelChecksum(std::string_view bytes) {
  return Fnv1a64(bytes, kModelFnvBasis);
}

// Appends values to a byte string.
class Writer {
 public:
  template <typename T>
  void Put(T v) {
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void PutString(const std::string& s) {
    Put<std::uint32_t>(static_cast<std::uint32_t>(s.size()));
    out_ += s;
  }
  void PutFloats(const std::vector<float>& v) {
    out_.append(reinterpret_cast<const char*>(v.data()),
                v.size() * sizeof(float));
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

// Bounds-checked reads from `bytes` (borrowed); the first failure sticks
// and every later read returns zeros.
class Reader {
 public:
  explicit Reader(const std::string& bytes) : bytes_(bytes) {}
  template <typename T>
  T Get() {
    T v{};
    if (!Take(sizeof v)) return v;
    std::memcpy(&v, bytes_.data() + pos_ - sizeof v, sizeof v);
    return v;
  }
  std::string GetString() {
    auto n = Get<std::uint32_t>();
    if (n > (1u << 20) || !Take(n)) {
      ok_ = false;
      return "";
    }
    return bytes_.substr(pos_ - n, n);
  }
  void GetFloats(std::size_t n, std::vector<float>* v) {
    v->assign(n, 0.0f);
    if (n > bytes_.size() / sizeof(float) || !Take(n * sizeof(float))) return;
    std::memcpy(v->data(), bytes_.data() + pos_ - n * sizeof(float),
                n * sizeof(float));
  }
  bool ok() const { return ok_; }
  std::size_t pos() const { return pos_; }

 private:
  bool Take(std::size_t n) {
    if (!ok_ || bytes_.size() - pos_ < n) return ok_ = false;
    pos_ += n;
    return true;
  }
  const std::string& bytes_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace sift::nlp::byte_io

#endif  // SIFT_NLP_SRC_BYTE_IO_H_
