#include "chart_export.h"

#include <qcustomplot.h>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QSvgGenerator>

namespace shardscape {

QString exportChart(QCustomPlot* plot, const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    const int width = plot->width(), height = plot->height();
    bool ok = false;
    if (suffix == "png") {
        ok = plot->savePng(path, width, height, 2.0);
    } else if (suffix == "pdf") {
        ok = plot->savePdf(path, width, height);
    } else if (suffix == "svg") {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(QSize(width, height));
        generator.setViewBox(QRect(0, 0, width, height));
        generator.setTitle(plot->objectName());
        generator.setDescription(QObject::tr("Exported by Shardscape"));
        QCPPainter painter;
        ok = painter.begin(&generator);
        if (ok) {
            plot->toPainter(&painter, width, height);
            ok = painter.end();
        }
        ok = ok && QFileInfo(path).size() > 0;
    } else {
        return QObject::tr("Unknown chart format '%1': use .png, .pdf or .svg").arg(suffix);
    }
    return ok ? QString() : QObject::tr("Could not write %1").arg(path);
}

QString exportText(const QString& path, const QByteArray& text) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QObject::tr("Could not write %1: %2").arg(path, file.errorString());
    if (file.write(text) != text.size() || !file.commit())
        return QObject::tr("Could not write %1: %2").arg(path, file.errorString());
    return {};
}

void installExportMenu(QCustomPlot* plot, std::function<QByteArray()> csv) {
    plot->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(plot, &QWidget::customContextMenuRequested, plot, [plot, csv](QPoint at) {
        QMenu menu(plot);
        auto offer = [&](const QString& label, const QString& suffix, const QString& filter) {
            menu.addAction(label, plot, [plot, csv, suffix, filter] {
                const QString name =
                    (plot->objectName().isEmpty() ? QString("chart") : plot->objectName()) + "." +
                    suffix;
                QString path =
                    QFileDialog::getSaveFileName(plot, QObject::tr("Export"), name, filter);
                if (path.isEmpty()) return;
                if (QFileInfo(path).suffix().isEmpty()) path += "." + suffix;
                const QString error =
                    suffix == "csv" ? exportText(path, csv()) : exportChart(plot, path);
                if (!error.isEmpty())
                    QMessageBox::warning(plot, QObject::tr("Export failed"), error);
            });
        };
        offer(QObject::tr("Export as PNG…"), "png", QObject::tr("PNG image (*.png)"));
        offer(QObject::tr("Export as PDF…"), "pdf", QObject::tr("PDF document (*.pdf)"));
        offer(QObject::tr("Export as SVG…"), "svg", QObject::tr("SVG image (*.svg)"));
        if (csv) offer(QObject::tr("Export data as CSV…"), "csv", QObject::tr("CSV (*.csv)"));
        menu.exec(plot->mapToGlobal(at));
    });
}

}  // namespace shardscape
