// The sift vector table's byte layout, shared by its reader
// (word_vectors.cc) and its writer (wink_embeddings.cc). models/FORMAT.md is
// the reference; a change here is a new format version.
#ifndef SIFT_NLP_SRC_VECTOR_TABLE_FORMAT_H_
#define SIFT_NLP_SRC_VECTOR_TABLE_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "byte_io.h"

namespace sift::nlp::vector_table {

inline constexpr char kMagic[8] = {'S', 'I', 'F', 'T', 'V', 'E', 'C', '\0'};
inline constexpr std::uint32_t kVersion = 1;
inline constexpr std::size_t kHeaderSize = 20;  // magic, version, dim, count
inline constexpr std::size_t kChecksumSize = 8;
inline constexpr int kMaxDim = 4096;
inline constexpr std::size_t kMaxWordBytes = 0xFFFF;  // a u16 length prefix

// FNV-1a, 64 bits, standard basis: the checksum over every byte before it.
inline std::uint64_t Fnv1a64(std::string_view bytes) {
  return byte_io::Fnv1a64(bytes, byte_io::kFnvOffsetBasis);
}

// Little-endian integers of 1 to 8 bytes.
inline void PutLe(std::uint64_t value, int bytes, std::string* out) {
  for (int i = 0; i < bytes; ++i) {
    out->push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
  }
}

inline std::uint64_t GetLe(const char* p, int bytes) {
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) {
    value |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  }
  return value;
}

}  // namespace sift::nlp::vector_table

#endif  // SIFT_NLP_SRC_VECTOR_TABLE_FORMAT_H_
