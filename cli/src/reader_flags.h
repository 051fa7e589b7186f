// The flags every command that reads export files shares (ingest, classify,
// train, eval): how to find the text and the other fields, and the file's
// format, delimiter, encoding and redaction.
#ifndef SIFT_CLI_SRC_READER_FLAGS_H_
#define SIFT_CLI_SRC_READER_FLAGS_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "sift/core/status.h"
#include "sift/ingest/response.h"

namespace sift::cli {

struct ReaderFlags {
  std::vector<std::string> maps;
  std::vector<std::string> text_columns;
  std::string format;
  std::string delimiter;
  std::string encoding;
  bool no_redact = false;
  std::string sectors;  // sector rule table; "" = models/sectors.tsv
};

// Registers --map, --text, --delimiter, --encoding, --no-redact, and the
// input format as `format_flag` ("--format", or "--input-format" where
// --format names the output).
void AddReaderFlags(CLI::App* cmd, ReaderFlags* flags,
                    const std::string& format_flag = "--format");

// The reader options the flags ask for, with the sector rules loaded;
// InvalidArgument names a bad flag, errors in the rule table name its line.
Result<ingest::ResponseReaderOptions> ToReaderOptions(const ReaderFlags& flags);

}  // namespace sift::cli

#endif  // SIFT_CLI_SRC_READER_FLAGS_H_
