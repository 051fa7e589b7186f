// Internal: the byte-level layer under the CSV and JSONL readers.
//
// LineSource reads a file in chunks, strips a UTF-8 byte-order mark,
// transcodes UTF-16 (with a byte-order mark) to UTF-8, and hands out physical
// lines. ValueDecoder turns each value's bytes into valid UTF-8, repairing
// bytes that are not UTF-8 from the file's legacy encoding.
#ifndef SIFT_INGEST_SRC_TEXT_SOURCE_H_
#define SIFT_INGEST_SRC_TEXT_SOURCE_H_

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "sift/core/status.h"
#include "sift/ingest/record_reader.h"

struct UConverter;

namespace sift::ingest {

class LineSource {
 public:
  ~LineSource();
  LineSource(const LineSource&) = delete;
  LineSource& operator=(const LineSource&) = delete;

  // Opens `path`; errors name the path and the operating system's reason.
  static Result<std::unique_ptr<LineSource>> Open(const std::string& path);

  // Sets *line to the next physical line including its "\n" (the last line
  // may lack one) and *eof to false; at the end sets *eof to true.
  Status NextLine(std::string* line, bool* eof);

  // The first bytes of the file after any BOM, as UTF-8 where transcoded:
  // used to sniff delimiters and legacy encodings. Valid after Open().
  const std::string& sample() const { return sample_; }
  // "UTF-8", "UTF-8 (BOM)", "UTF-16LE" or "UTF-16BE".
  const std::string& encoding() const { return encoding_; }
  const std::string& path() const { return path_; }

 private:
  LineSource() = default;
  Status Fill();  // appends the next chunk of (UTF-8) text to buffer_

  std::string path_;
  std::FILE* file_ = nullptr;
  UConverter* utf16_ = nullptr;  // set when the file is UTF-16
  std::string encoding_;
  std::string buffer_;
  std::size_t pos_ = 0;
  bool file_eof_ = false;
  std::string sample_;
};

class ValueDecoder {
 public:
  // `legacy` names the ICU converter for non-UTF-8 bytes; empty means detect
  // from `sample` (falling back to windows-1252).
  ValueDecoder(std::string legacy, const std::string& sample);
  ~ValueDecoder();
  ValueDecoder(const ValueDecoder&) = delete;
  ValueDecoder& operator=(const ValueDecoder&) = delete;

  // Returns `bytes` as valid UTF-8. Invalid sequences are decoded from the
  // legacy encoding (counted in stats().repaired_values); what cannot be
  // decoded becomes U+FFFD (counted in stats().replaced_chars).
  std::string Decode(std::string_view bytes);

  const DecodeStats& stats() const { return stats_; }
  DecodeStats& mutable_stats() { return stats_; }

 private:
  std::string Repair(std::string_view bytes);

  std::string legacy_name_;
  UConverter* legacy_ = nullptr;  // opened on first repair
  bool legacy_single_byte_ = true;
  DecodeStats stats_;
};

// True when `bytes` is well-formed UTF-8.
bool IsValidUtf8(std::string_view bytes);

// Undoes the commonest mojibake: UTF-8 that was once decoded as
// Windows-1252 and encoded again ("donâ€™t" -> "don’t", "Â£5" -> "£5").
// Sets *changed when anything was repaired. REQUIRES: valid UTF-8.
std::string RepairMojibake(std::string_view utf8, bool* changed);

}  // namespace sift::ingest

#endif  // SIFT_INGEST_SRC_TEXT_SOURCE_H_
