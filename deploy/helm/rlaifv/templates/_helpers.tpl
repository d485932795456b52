{{/* The chart's name (nameOverride wins). */}}
{{- define "rlaifv.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: fullnameOverride, or release-chart (the release name alone when it contains the chart name). */}}
{{- define "rlaifv.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* chart-version, as the helm.sh/chart label wants it. */}}
{{- define "rlaifv.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The selector labels (never change them: Deployments' selectors are immutable). */}}
{{- define "rlaifv.selectorLabels" -}}
app.kubernetes.io/name: {{ include "rlaifv.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The common labels of every resource. */}}
{{- define "rlaifv.labels" -}}
helm.sh/chart: {{ include "rlaifv.chart" . }}
{{ include "rlaifv.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: rlaifv
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* A role's labels: dict "root" $ "role" "generator". */}}
{{- define "rlaifv.roleLabels" -}}
{{ include "rlaifv.labels" .root }}
app.kubernetes.io/component: {{ .role }}
{{- end }}

{{/* A role's selector labels: dict "root" $ "role" "generator". */}}
{{- define "rlaifv.roleSelectorLabels" -}}
{{ include "rlaifv.selectorLabels" .root }}
app.kubernetes.io/component: {{ .role }}
{{- end }}

{{/* The service account's name. */}}
{{- define "rlaifv.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "rlaifv.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The image reference (tag defaults to the chart's appVersion). */}}
{{- define "rlaifv.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The Secret whose keys become environment variables (the chart's or an existing one); empty when none. */}}
{{- define "rlaifv.secretName" -}}
{{- if .Values.secret.existingSecret }}
{{- .Values.secret.existingSecret }}
{{- else if .Values.secret.create }}
{{- printf "%s-env" (include "rlaifv.fullname" .) }}
{{- end }}
{{- end }}

{{/* A volume's claim name: dict "root" $ "volume" "models". */}}
{{- define "rlaifv.claimName" -}}
{{- $p := index .root.Values.persistence .volume }}
{{- if $p.existingClaim }}
{{- $p.existingClaim }}
{{- else }}
{{- printf "%s-%s" (include "rlaifv.fullname" .root) .volume }}
{{- end }}
{{- end }}

{{/* pipeline.yaml as rendered: values.config with the metrics endpoint the probes and Services use. */}}
{{- define "rlaifv.pipelineYaml" -}}
{{- $metrics := dict "metrics" (dict "enabled" true "host" "0.0.0.0" "port" .Values.metrics.port) }}
{{- toYaml (mustMergeOverwrite (deepCopy .Values.config) $metrics) }}
{{- end }}
