#pragma once
// Classroom mode's scenario gallery: the bundled teaching scenarios (scenarios/*.json) and
// the scenarios of the bundled models (models/*.shardscape.json), each with a title, a
// one-line description for its card and a read-only summary. A file that cannot be read
// still gets an entry, whose summary says why.

#include <string>
#include <vector>

#include "values/attribute_json.h"

namespace shardscape {

struct GalleryEntry {
    std::string title;
    std::string oneLine;        // the card's line: the description's first sentence, shortened
    std::string description;    // the whole description
    std::string path;           // the scenario file, or the model file holding the scenario
    std::string modelScenario;  // a model's scenario: its name; empty for a scenario file
    std::string summary;        // several lines: table, capacity, workload
    bool valid = true;          // false: the file could not be read (summary says why)
};

// `bundledDirectory` holds scenarios/ and models/; entries are sorted by file name, a
// model's scenarios in file order. An empty or missing directory gives no entries.
std::vector<GalleryEntry> scenarioGallery(const std::string& bundledDirectory);

// The first sentence of `text` (up to ". ", ": " or the end), cut at `maxChars` characters
// on a word boundary with "…".
std::string oneLineOf(const std::string& text, size_t maxChars = 90);

// The read-only summary of a scenario file's JSON (checked by Scenario::fromJson).
std::string scenarioFileSummary(const Json& scenario);

}  // namespace shardscape
