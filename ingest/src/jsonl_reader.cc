#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "readers.h"
#include "text_source.h"

namespace sift::ingest {
namespace {

bool IsBlank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string ValueText(const nlohmann::ordered_json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump(-1, ' ', false,
                nlohmann::ordered_json::error_handler_t::replace);
}

// One JSON object per line. Keys become columns the first time they appear;
// a line that is not a JSON object is rejected with the parser's reason.
class JsonlReader : public RecordReader {
 public:
  JsonlReader(std::unique_ptr<LineSource> source, const ReaderOptions& options)
      : source_(std::move(source)),
        decoder_(options.legacy_encoding, source_->sample()),
        max_record_bytes_(options.max_record_bytes) {
    decoder_.mutable_stats().source_encoding = source_->encoding();
  }

  const std::vector<std::string>& columns() const override { return columns_; }
  const DecodeStats& decode_stats() const override { return decoder_.stats(); }

  Status Next(ReadItem* item) override {
    std::string line;
    while (true) {
      bool eof = false;
      SIFT_RETURN_IF_ERROR(source_->NextLine(&line, &eof));
      if (eof) {
        item->kind = ReadItem::Kind::kEnd;
        return Status::Ok();
      }
      ++line_no_;
      if (!IsBlank(line)) break;
    }
    item->line = line_no_;
    item->values.clear();
    item->reason.clear();
    if (line.size() > max_record_bytes_) {
      return Reject(item, "record larger than " +
                              std::to_string(max_record_bytes_) + " bytes");
    }
    // ordered_json keeps keys in file order (json sorts them).
    nlohmann::ordered_json object =
        nlohmann::ordered_json::parse(decoder_.Decode(line), nullptr, false);
    if (object.is_discarded()) return Reject(item, "not valid JSON");
    if (!object.is_object()) return Reject(item, "line is not a JSON object");
    item->kind = ReadItem::Kind::kRecord;
    for (const auto& [key, value] : object.items()) {
      auto [it, added] = index_.try_emplace(key, columns_.size());
      if (added) columns_.push_back(key);
      if (item->values.size() < columns_.size()) {
        item->values.resize(columns_.size());
      }
      item->values[it->second] = ValueText(value);
    }
    item->values.resize(columns_.size());
    return Status::Ok();
  }

 private:
  static Status Reject(ReadItem* item, std::string reason) {
    item->kind = ReadItem::Kind::kRejected;
    item->reason = std::move(reason);
    return Status::Ok();
  }

  std::unique_ptr<LineSource> source_;
  ValueDecoder decoder_;
  std::size_t max_record_bytes_;
  std::vector<std::string> columns_;
  std::unordered_map<std::string, std::size_t> index_;
  std::int64_t line_no_ = 0;
};

}  // namespace

Result<std::unique_ptr<RecordReader>> OpenJsonlReader(
    const std::string& path, const ReaderOptions& options) {
  auto source = LineSource::Open(path);
  if (!source.ok()) return source.status();
  const std::string& sample = source.value()->sample();
  std::size_t first = sample.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && sample[first] == '[') {
    return Status::InvalidArgument(
        path + ": a JSON array, not JSON Lines; write one object per line");
  }
  return std::unique_ptr<RecordReader>(
      std::make_unique<JsonlReader>(std::move(source.value()), options));
}

}  // namespace sift::ingest
