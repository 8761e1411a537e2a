// libFuzzer target: the model file readers. The first byte picks the reader (even: a native
// Shardscape model, odd: a NoSQL Workbench export); the rest is the file. Whatever loads is
// analysed (verdicts and design smells) and validated as the designer does on open, then written
// back in the same format and read again: a model the app saves must load, as the same model.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "model/access_pattern_analyzer.h"
#include "model/model_json.h"
#include "model/model_validation.h"
#include "model/workbench_format.h"

using namespace shardscape;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const bool workbench = data[0] & 1;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    auto model = workbench ? modelFromWorkbenchText(text) : parseModelText(text);
    if (!model) return 0;
    (void)analyzeModel(*model);
    (void)validateModel(*model);

    std::string saved;
    try {
        saved = (workbench ? modelToWorkbench(*model) : modelToJson(*model)).dump(2);
    } catch (const nlohmann::json::exception&) {
        return 0;  // text that is not UTF-8: saving refuses it (model_file.cc)
    }
    auto reloaded = workbench ? modelFromWorkbenchText(saved) : parseModelText(saved);
    if (!reloaded) __builtin_trap();
    if (!workbench && modelToJson(*reloaded) != modelToJson(*model)) __builtin_trap();
    return 0;
}
