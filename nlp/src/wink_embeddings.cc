// ConvertWinkEmbeddings(): the wink-embeddings JSON, streamed through
// nlohmann-json's SAX interface, to a sift vector table.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "sift/core/file.h"
#include "sift/nlp/word_vectors.h"
#include "vector_table_format.h"

namespace sift::nlp {
namespace {

using vector_table::Fnv1a64;
using vector_table::GetLe;
using vector_table::kChecksumSize;
using vector_table::kMagic;
using vector_table::kMaxDim;
using vector_table::kMaxWordBytes;
using vector_table::kVersion;
using vector_table::PutLe;

std::string Quote(std::string_view word) {
  std::string quoted = "\"";
  quoted.append(word).push_back('"');
  return quoted;
}

// True when `word` holds at least one letter or digit (Unicode L or N).
bool IsWord(std::string_view word) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(word.data());
  const auto length = static_cast<std::int32_t>(word.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c >= 0 && (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK)) != 0) {
      return true;
    }
  }
  return false;
}

// Quantises x[0, dim) to q with a symmetric per-row scale; returns the worst
// absolute error of the dequantised values.
double Quantise(const double* x, int dim, std::int8_t* q, float* scale) {
  double max_abs = 0;
  for (int i = 0; i < dim; ++i) max_abs = std::max(max_abs, std::fabs(x[i]));
  const float s = static_cast<float>(max_abs / 127.0);
  double worst = 0;
  for (int i = 0; i < dim; ++i) {
    long v = s > 0 ? std::lround(x[i] / s) : 0;
    v = std::clamp(v, -127L, 127L);
    q[i] = static_cast<std::int8_t>(v);
    const float back = static_cast<float>(v) * s;
    worst = std::max(worst, std::fabs(x[i] - back));
  }
  *scale = s;
  return worst;
}

using Json = nlohmann::json;

// What a conversion keeps: rows by source index (frequency rank) below
// max_words.
struct Slots {
  enum State : std::uint8_t { kEmpty, kKept, kDropped };
  std::vector<State> state;
  std::vector<std::string> word;
  std::vector<float> scale;
  std::vector<std::int8_t> values;  // dim per slot
};

// A SAX handler for the wink-embeddings JSON. Key order does not matter; a
// handler returning false stops the parse with error() set.
class WinkReader {
 public:
  explicit WinkReader(const VectorConversionOptions& options)
      : options_(options) {}

  bool null() { return NotNumber("null"); }
  bool boolean(bool) { return NotNumber("a boolean"); }
  bool number_integer(Json::number_integer_t v) {
    return Number(static_cast<double>(v));
  }
  bool number_unsigned(Json::number_unsigned_t v) {
    return Number(static_cast<double>(v));
  }
  bool number_float(Json::number_float_t v, const Json::string_t&) {
    return Number(v);
  }
  bool string(Json::string_t& s);
  bool binary(Json::binary_t&) { return NotNumber("binary data"); }
  bool start_object(std::size_t);
  bool key(Json::string_t& k);
  bool end_object();
  bool start_array(std::size_t);
  bool end_array();
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& ex);

  // Checks what can only be checked at the end. REQUIRES: the parse succeeded.
  Status Finish();
  const Status& error() const { return error_; }
  const Slots& slots() const { return slots_; }
  int dim() const { return dimensions_; }
  std::size_t words_in() const { return words_in_; }
  double max_abs_error() const { return max_abs_error_; }

 private:
  enum class Ctx { kRoot, kTop, kWords, kVectors, kVector, kSkip };

  Ctx Where() const { return stack_.empty() ? Ctx::kRoot : stack_.back(); }
  bool Fail(const std::string& msg) {
    error_ = Status::Corruption(msg);
    return false;
  }
  bool Number(double v);
  bool NotNumber(const char* what);
  bool EndVector();
  bool Keep(std::size_t index);

  const VectorConversionOptions& options_;
  Status error_;
  std::vector<Ctx> stack_;
  std::string top_key_;      // the current key of the top-level object
  std::string vector_word_;  // the current key inside "vectors"
  std::vector<double> vector_;
  int dimensions_ = 0;  // from "dimensions"
  int vector_dim_ = 0;  // from the first vector
  double size_ = -1;    // from "size"
  bool saw_words_ = false, saw_vectors_ = false;
  std::vector<std::string> words_;  // "words", the first max_words only
  std::size_t word_count_ = 0;      // all of "words"
  std::size_t words_in_ = 0;
  std::size_t max_index_ = 0;
  std::string max_index_word_;
  double max_abs_error_ = 0;
  Slots slots_;
};

bool WinkReader::NotNumber(const char* what) {
  switch (Where()) {
    case Ctx::kRoot:
      return Fail("the top level is not an object");
    case Ctx::kTop:
      if (top_key_ == "dimensions" || top_key_ == "size") {
        return Fail(Quote(top_key_) + " is " + what + ", not a number");
      }
      return true;
    case Ctx::kWords:
      return Fail("\"words\"[" + std::to_string(word_count_) + "] is " + what +
                  ", not a string");
    case Ctx::kVectors:
      return Fail("vector of " + Quote(vector_word_) + " is not an array");
    case Ctx::kVector:
      return Fail("vector of " + Quote(vector_word_) + " holds " + what);
    case Ctx::kSkip:
      return true;
  }
  return true;
}

bool WinkReader::string(Json::string_t& s) {
  if (Where() != Ctx::kWords) return NotNumber("a string");
  if (word_count_ < options_.max_words) words_.push_back(std::move(s));
  ++word_count_;
  return true;
}

bool WinkReader::Number(double v) {
  const Ctx where = Where();
  if (where == Ctx::kVector) {
    if (vector_.size() > kMaxDim + 2) {
      return Fail("vector of " + Quote(vector_word_) + " is too long");
    }
    vector_.push_back(v);
    return true;
  }
  if (where != Ctx::kTop) return NotNumber("a number");
  const bool whole = v >= 0 && v < 1e15 && v == std::floor(v);
  if (top_key_ == "size") {
    if (!whole) return Fail("\"size\" is not a whole number");
    size_ = v;
  } else if (top_key_ == "dimensions") {
    if (!whole || v < 1 || v > kMaxDim) {
      return Fail("\"dimensions\" must be a whole number from 1 to " +
                  std::to_string(kMaxDim));
    }
    dimensions_ = static_cast<int>(v);
    if (vector_dim_ != 0 && vector_dim_ != dimensions_) {
      return Fail("\"dimensions\" is " + std::to_string(dimensions_) +
                  " but the vectors have " + std::to_string(vector_dim_));
    }
  }
  return true;
}

bool WinkReader::start_object(std::size_t) {
  const Ctx where = Where();
  if (where == Ctx::kRoot) {
    stack_.push_back(Ctx::kTop);
  } else if (where == Ctx::kTop && top_key_ == "vectors") {
    saw_vectors_ = true;
    stack_.push_back(Ctx::kVectors);
  } else if (where == Ctx::kSkip || where == Ctx::kTop) {
    stack_.push_back(Ctx::kSkip);
  } else {
    return NotNumber("an object");
  }
  return true;
}

bool WinkReader::key(Json::string_t& k) {
  if (Where() == Ctx::kTop) top_key_ = std::move(k);
  if (Where() == Ctx::kVectors) vector_word_ = std::move(k);
  return true;
}

bool WinkReader::end_object() {
  stack_.pop_back();
  return true;
}

bool WinkReader::start_array(std::size_t) {
  const Ctx where = Where();
  if (where == Ctx::kTop && top_key_ == "words") {
    saw_words_ = true;
    stack_.push_back(Ctx::kWords);
  } else if (where == Ctx::kVectors) {
    vector_.clear();
    stack_.push_back(Ctx::kVector);
  } else if (where == Ctx::kSkip || where == Ctx::kTop) {
    stack_.push_back(Ctx::kSkip);
  } else {
    return NotNumber("an array");
  }
  return true;
}

bool WinkReader::end_array() {
  const bool ok = Where() != Ctx::kVector || EndVector();
  stack_.pop_back();
  return ok;
}

bool WinkReader::parse_error(std::size_t, const std::string&,
                             const nlohmann::detail::exception& ex) {
  std::string what = ex.what();
  const auto bracket = what.find("] ");
  if (bracket != std::string::npos) what.erase(0, bracket + 2);
  return Fail("not valid JSON: " + what);
}

// A vector is [dim numbers, l2 norm, index].
bool WinkReader::EndVector() {
  const std::string word = Quote(vector_word_);
  const std::size_t n = vector_.size();
  const int dim = dimensions_ != 0 ? dimensions_ : vector_dim_;
  if (n < 3 || (dim != 0 && n != static_cast<std::size_t>(dim) + 2)) {
    std::string want = "\"dimensions\" + 2";
    if (dimensions_ != 0) {
      want = std::to_string(dim + 2) + " (\"dimensions\" is " +
             std::to_string(dim) + ", plus the norm and the index)";
    } else if (dim != 0) {
      want = std::to_string(dim + 2) + ", as the vectors before it";
    }
    return Fail("vector of " + word + " has " + std::to_string(n) +
                " numbers, expected " + want);
  }
  vector_dim_ = static_cast<int>(n - 2);
  for (double v : vector_) {
    if (!std::isfinite(v)) return Fail("vector of " + word + " overflows");
  }
  const double index = vector_[n - 1];
  if (index < 0 || index >= 1e15 || index != std::floor(index)) {
    return Fail("vector of " + word + " has an invalid index");
  }
  const auto i = static_cast<std::size_t>(index);
  if (words_in_++ == 0 || i > max_index_) {
    max_index_ = i;
    max_index_word_ = vector_word_;
  }
  return i >= options_.max_words || Keep(i);
}

bool WinkReader::Keep(std::size_t index) {
  if (vector_word_.size() > kMaxWordBytes) {
    return Fail("word at index " + std::to_string(index) + " is too long");
  }
  if (index >= slots_.state.size()) {
    slots_.state.resize(index + 1, Slots::kEmpty);
    slots_.word.resize(index + 1);
    slots_.scale.resize(index + 1);
    slots_.values.resize((index + 1) * vector_dim_);
  }
  if (slots_.state[index] != Slots::kEmpty) {
    return Fail(Quote(vector_word_) + " and " + Quote(slots_.word[index]) +
                " have the same index " + std::to_string(index));
  }
  slots_.word[index] = vector_word_;
  if (options_.words_only && !IsWord(vector_word_)) {
    slots_.state[index] = Slots::kDropped;
    return true;
  }
  slots_.state[index] = Slots::kKept;
  const double error =
      Quantise(vector_.data(), vector_dim_, &slots_.values[index * vector_dim_],
               &slots_.scale[index]);
  max_abs_error_ = std::max(max_abs_error_, error);
  return true;
}

Status WinkReader::Finish() {
  if (dimensions_ == 0) return Status::Corruption("missing \"dimensions\"");
  if (!saw_words_) return Status::Corruption("missing \"words\"");
  if (!saw_vectors_) return Status::Corruption("missing \"vectors\"");
  if (size_ >= 0 && static_cast<std::size_t>(size_) != word_count_) {
    return Status::Corruption(
        "\"size\" is " + std::to_string(static_cast<std::size_t>(size_)) +
        " but \"words\" has " + std::to_string(word_count_) + " entries");
  }
  if (words_in_ > 0 && max_index_ >= word_count_) {
    return Status::Corruption("vector of " + Quote(max_index_word_) +
                              " has index " + std::to_string(max_index_) +
                              ", out of range (\"words\" has " +
                              std::to_string(word_count_) + " entries)");
  }
  for (std::size_t i = 0; i < words_.size(); ++i) {
    if (i >= slots_.state.size() || slots_.state[i] == Slots::kEmpty) {
      return Status::Corruption(Quote(words_[i]) + " (index " +
                                std::to_string(i) + ") has no vector");
    }
    if (slots_.word[i] != words_[i]) {
      return Status::Corruption("vector of " + Quote(slots_.word[i]) +
                                " has index " + std::to_string(i) +
                                " but \"words\"[" + std::to_string(i) +
                                "] is " + Quote(words_[i]));
    }
  }
  return Status::Ok();
}

// The table file, checksum included, for the kept slots in index order.
std::string Serialise(const Slots& slots, int dim, std::size_t* rows) {
  std::string out(kMagic, sizeof kMagic);
  PutLe(kVersion, 4, &out);
  PutLe(static_cast<std::uint32_t>(dim), 4, &out);
  const std::size_t count_at = out.size();
  PutLe(0, 4, &out);
  *rows = 0;
  for (std::size_t i = 0; i < slots.state.size(); ++i) {
    if (slots.state[i] != Slots::kKept) continue;
    PutLe(std::bit_cast<std::uint32_t>(slots.scale[i]), 4, &out);
    const auto* row = &slots.values[i * static_cast<std::size_t>(dim)];
    out.append(reinterpret_cast<const char*>(row), dim);
    ++*rows;
  }
  for (std::size_t i = 0; i < slots.state.size(); ++i) {
    if (slots.state[i] != Slots::kKept) continue;
    PutLe(slots.word[i].size(), 2, &out);
    out += slots.word[i];
  }
  for (int b = 0; b < 4; ++b) {
    out[count_at + b] = static_cast<char>((*rows >> (8 * b)) & 0xFF);
  }
  PutLe(Fnv1a64(out), 8, &out);
  return out;
}

}  // namespace

Result<VectorConversionStats> ConvertWinkEmbeddings(
    const std::string& json_path, const std::string& out_path,
    const VectorConversionOptions& options) {
  if (options.max_words == 0 || options.max_words > INT_MAX) {
    return Status::InvalidArgument("max_words must be from 1 to " +
                                   std::to_string(INT_MAX));
  }
  std::ifstream in(json_path, std::ios::binary);
  if (!in) {
    const int err = errno;
    std::string msg = json_path + ": cannot open: " + std::strerror(err);
    if (err == ENOENT) return Status::NotFound(std::move(msg));
    return Status::IoError(std::move(msg));
  }
  WinkReader reader(options);
  try {
    if (!Json::sax_parse(in, &reader)) {
      return reader.error().WithContext(json_path);
    }
  } catch (const std::exception& e) {
    return Status::Internal(json_path + ": JSON reader failed: " + e.what());
  }
  if (in.bad()) return Status::IoError(json_path + ": read failed");
  if (Status done = reader.Finish(); !done.ok()) {
    return done.WithContext(json_path);
  }
  VectorConversionStats stats;
  stats.words_in = reader.words_in();
  stats.dim = reader.dim();
  stats.max_abs_error = reader.max_abs_error();
  const std::string table =
      Serialise(reader.slots(), reader.dim(), &stats.words_out);
  if (stats.words_out == 0) {
    return Status::InvalidArgument(json_path + ": no words to keep");
  }
  stats.checksum = GetLe(table.data() + table.size() - kChecksumSize, 8);
  SIFT_RETURN_IF_ERROR(WriteFileAtomically(out_path, table));
  return stats;
}

}  // namespace sift::nlp
