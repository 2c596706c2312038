package io.gridwire.app.config;

import io.gridwire.core.config.Doc;
import java.time.Duration;
import java.util.List;

/** One group of mail recipients of alarm digests. */
public record EmailConfig(
    @Doc("Short name for logs (required).") String name,
    @Doc("Recipient addresses (required, at least one).") List<String> to,
    @Doc("Severities mailed: critical, warning, info (empty = all).") List<String> severities,
    @Doc("Site codes mailed (empty = all).") List<String> sites,
    @Doc("Alarms are collected this long after the first one, then one mail lists them all (default 30s).") Duration digestWindow,
    @Doc("Most alarms listed in one mail; the rest are counted (default 500).") Integer maxListed) {}
