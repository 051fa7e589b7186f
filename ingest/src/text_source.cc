#include "text_source.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cerrno>
#include <cstring>

namespace sift::ingest {
namespace {

constexpr std::size_t kChunkBytes = 256 * 1024;
constexpr std::size_t kSampleBytes = 64 * 1024;

void AppendUtf8(UChar32 c, std::string* out) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, 4, c, error);
  if (!error) out->append(buf, len);
}

// Picks the converter for non-UTF-8 bytes: ICU's detector where it is
// confident of something other than Latin-1 or UTF-8, else windows-1252
// (what Excel writes on Windows; a superset of Latin-1 for printable text).
std::string DetectLegacyEncoding(const std::string& sample) {
  const std::string fallback = "windows-1252";
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* detector = ucsdet_open(&status);
  if (U_FAILURE(status)) return fallback;
  ucsdet_setText(detector, sample.data(), static_cast<int32_t>(sample.size()),
                 &status);
  const UCharsetMatch* match = ucsdet_detect(detector, &status);
  std::string name = fallback;
  if (U_SUCCESS(status) && match != nullptr) {
    const char* detected = ucsdet_getName(match, &status);
    int32_t confidence = ucsdet_getConfidence(match, &status);
    if (U_SUCCESS(status) && detected != nullptr && confidence >= 60) {
      std::string d = detected;
      if (d != "UTF-8" && d != "ISO-8859-1" && d != "windows-1252" &&
          d.rfind("UTF-", 0) != 0) {
        name = d;
      }
    }
  }
  ucsdet_close(detector);
  return name;
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  int32_t length = static_cast<int32_t>(bytes.size());
  int32_t i = 0;
  while (i < length) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

LineSource::~LineSource() {
  if (file_ != nullptr) std::fclose(file_);
  if (utf16_ != nullptr) ucnv_close(utf16_);
}

Result<std::unique_ptr<LineSource>> LineSource::Open(const std::string& path) {
  std::unique_ptr<LineSource> source(new LineSource());
  source->path_ = path;
  source->file_ = std::fopen(path.c_str(), "rb");
  if (source->file_ == nullptr) {
    int err = errno;
    std::string reason = std::strerror(err);
    if (err == ENOENT) return Status::NotFound(path + ": no such file");
    return Status::IoError(path + ": cannot open: " + reason);
  }
  unsigned char bom[3] = {0, 0, 0};
  std::size_t got = std::fread(bom, 1, 3, source->file_);
  std::size_t skip = 0;
  const char* utf16 = nullptr;
  if (got >= 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF) {
    skip = 3;
    source->encoding_ = "UTF-8 (BOM)";
  } else if (got >= 2 && bom[0] == 0xFF && bom[1] == 0xFE) {
    skip = 2;
    utf16 = "UTF-16LE";
  } else if (got >= 2 && bom[0] == 0xFE && bom[1] == 0xFF) {
    skip = 2;
    utf16 = "UTF-16BE";
  } else {
    source->encoding_ = "UTF-8";
  }
  std::fseek(source->file_, static_cast<long>(skip), SEEK_SET);
  if (utf16 != nullptr) {
    UErrorCode status = U_ZERO_ERROR;
    source->utf16_ = ucnv_open(utf16, &status);
    if (U_FAILURE(status)) {
      return Status::Internal(path + ": ICU cannot open a " +
                              std::string(utf16) +
                              " converter: " + u_errorName(status));
    }
    source->encoding_ = utf16;
  }
  while (source->buffer_.size() < kSampleBytes && !source->file_eof_) {
    SIFT_RETURN_IF_ERROR(source->Fill());
  }
  source->sample_ = source->buffer_.substr(0, kSampleBytes);
  return source;
}

Status LineSource::Fill() {
  if (pos_ > 0) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  std::string raw(kChunkBytes, '\0');
  std::size_t got = std::fread(raw.data(), 1, raw.size(), file_);
  if (got < raw.size()) {
    if (std::ferror(file_)) {
      return Status::IoError(path_ + ": read failed: " + std::strerror(errno));
    }
    file_eof_ = true;
  }
  raw.resize(got);
  if (utf16_ == nullptr) {
    buffer_ += raw;
    return Status::Ok();
  }
  // UTF-16: convert this chunk to UTF-16 code units, then to UTF-8; the
  // converter keeps an odd trailing byte for the next call.
  std::u16string units(got + 8, u'\0');
  UChar* target = reinterpret_cast<UChar*>(units.data());
  UChar* target_start = target;
  const char* src = raw.data();
  UErrorCode status = U_ZERO_ERROR;
  ucnv_toUnicode(utf16_, &target, target + units.size(), &src,
                 raw.data() + raw.size(), nullptr, file_eof_, &status);
  if (U_FAILURE(status)) {
    return Status::Corruption(path_ +
                              ": cannot decode UTF-16: " + u_errorName(status));
  }
  icu::UnicodeString text(target_start,
                          static_cast<int32_t>(target - target_start));
  text.toUTF8String(buffer_);
  return Status::Ok();
}

Status LineSource::NextLine(std::string* line, bool* eof) {
  while (true) {
    std::size_t nl = buffer_.find('\n', pos_);
    if (nl != std::string::npos) {
      line->assign(buffer_, pos_, nl + 1 - pos_);
      pos_ = nl + 1;
      *eof = false;
      return Status::Ok();
    }
    if (file_eof_) {
      *eof = pos_ >= buffer_.size();
      if (!*eof) {
        line->assign(buffer_, pos_, std::string::npos);
        pos_ = buffer_.size();
      }
      return Status::Ok();
    }
    SIFT_RETURN_IF_ERROR(Fill());
  }
}

ValueDecoder::ValueDecoder(std::string legacy, const std::string& sample)
    : legacy_name_(std::move(legacy)) {
  if (legacy_name_.empty() && !IsValidUtf8(sample)) {
    legacy_name_ = DetectLegacyEncoding(sample);
  }
  if (legacy_name_.empty()) legacy_name_ = "windows-1252";
}

ValueDecoder::~ValueDecoder() {
  if (legacy_ != nullptr) ucnv_close(legacy_);
}

std::string ValueDecoder::Decode(std::string_view bytes) {
  if (IsValidUtf8(bytes)) return std::string(bytes);
  ++stats_.repaired_values;
  stats_.legacy_encoding = legacy_name_;
  return Repair(bytes);
}

std::string ValueDecoder::Repair(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  if (legacy_ == nullptr) {
    legacy_ = ucnv_open(legacy_name_.c_str(), &status);
    if (U_FAILURE(status)) {
      legacy_ = nullptr;
      status = U_ZERO_ERROR;
      legacy_name_ = "windows-1252";
      stats_.legacy_encoding = legacy_name_;
      legacy_ = ucnv_open(legacy_name_.c_str(), &status);
    }
    legacy_single_byte_ = ucnv_getMaxCharSize(legacy_) == 1;
  }
  std::string out;
  out.reserve(bytes.size() + 8);
  auto count_replacements = [this](const icu::UnicodeString& text) {
    for (int32_t i = 0; i < text.length(); ++i) {
      UChar u = text.charAt(i);
      if (u == 0xFFFD || u == 0x1A) ++stats_.replaced_chars;
    }
  };
  if (!legacy_single_byte_) {
    icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()),
                            legacy_, status);
    count_replacements(text);
    text.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x1A)),
                        icu::UnicodeString(static_cast<UChar>(0xFFFD)));
    text.toUTF8String(out);
    return out;
  }
  // Single-byte legacy encoding: keep every well-formed UTF-8 sequence (a
  // file can mix both) and decode only the stray bytes.
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  int32_t length = static_cast<int32_t>(bytes.size());
  int32_t i = 0;
  while (i < length) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c >= 0) {
      out.append(bytes.data() + start, i - start);
      continue;
    }
    i = start + 1;
    status = U_ZERO_ERROR;
    icu::UnicodeString one(bytes.data() + start, 1, legacy_, status);
    count_replacements(one);
    UChar32 decoded = one.length() > 0 ? one.char32At(0) : 0xFFFD;
    // C1 controls are what ICU gives for bytes a single-byte code page
    // leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D in windows-1252).
    if (decoded >= 0x80 && decoded <= 0x9F) {
      ++stats_.replaced_chars;
      decoded = 0xFFFD;
    }
    if (decoded == 0x1A) decoded = 0xFFFD;
    AppendUtf8(decoded, &out);
  }
  return out;
}

}  // namespace sift::ingest
