#pragma once
// Exports a chart as PNG, PDF or SVG (by the file's suffix) and text (the heat map's CSV) to
// a file, and the context menu that offers them on any chart.

#include <QString>
#include <functional>

class QCustomPlot;

namespace shardscape {

// Writes the plot to `path` (.png, .pdf or .svg) at its current size; returns an error
// message, or an empty string on success.
QString exportChart(QCustomPlot* plot, const QString& path);
// Writes `text` to `path`; returns an error message, or an empty string on success.
QString exportText(const QString& path, const QByteArray& text);

// Right-click menu on `plot`: "Export as PNG / PDF / SVG…", and "Export data as CSV…" when
// `csv` is given (it returns the CSV text).
void installExportMenu(QCustomPlot* plot, std::function<QByteArray()> csv = {});

}  // namespace shardscape
