#include "reader_flags.h"

#include "model_paths.h"

namespace sift::cli {

void AddReaderFlags(CLI::App* cmd, ReaderFlags* flags,
                    const std::string& format_flag) {
  cmd->add_option("--map", flags->maps,
                  "FIELD=COLUMN: take a field (id, text, question, "
                  "respondent_type, organisation, sector, district, date) "
                  "from a named column");
  cmd->add_option("--text", flags->text_columns,
                  "Wide export: an answer column (name, prefix such as Q1, "
                  "'Q*', or position '#19' / '#19-25'); give once per "
                  "question");
  cmd->add_option(format_flag, flags->format,
                  "Input format: csv, tsv, jsonl or xlsx (default: from the "
                  "extension)");
  cmd->add_option("--delimiter", flags->delimiter,
                  "CSV delimiter (default: sniffed among , ; and tab)");
  cmd->add_option("--encoding", flags->encoding,
                  "Encoding of bytes that are not UTF-8 (default: detected, "
                  "else windows-1252)");
  cmd->add_flag("--no-redact", flags->no_redact,
                "Keep e-mails, phone numbers, postcodes, NI numbers and "
                "personal URLs");
  cmd->add_option("--sectors", flags->sectors,
                  "Sector rule table mapping what respondents typed to "
                  "canonical sectors (default: models/sectors.tsv)");
}

Result<ingest::ResponseReaderOptions> ToReaderOptions(
    const ReaderFlags& flags) {
  ingest::ResponseReaderOptions o;
  o.redact = !flags.no_redact;
  o.reader.legacy_encoding = flags.encoding;
  if (!flags.format.empty()) {
    auto f = ingest::ParseFileFormat(flags.format);
    if (!f.ok()) return f.status();
    o.reader.format = f.value();
  }
  if (!flags.delimiter.empty()) {
    std::string d = flags.delimiter == "tab" || flags.delimiter == "\\t"
                        ? "\t"
                        : flags.delimiter;
    if (d.size() != 1) {
      return Status::InvalidArgument(
          "--delimiter takes one character or 'tab'");
    }
    o.reader.delimiter = d[0];
  }
  for (const std::string& m : flags.maps) {
    auto pair = ingest::ParseFieldAssignment(m);
    if (!pair.ok()) return pair.status();
    o.mapping.explicit_columns.push_back(pair.value());
  }
  o.mapping.text_columns = flags.text_columns;
  auto sectors = ingest::SectorMapper::Load(
      flags.sectors.empty() ? ModelsDir() + "/sectors.tsv" : flags.sectors);
  if (!sectors.ok()) return sectors.status();
  o.sectors.emplace(std::move(sectors).value());
  return o;
}

}  // namespace sift::cli
