{{/*
A role's Deployment: dict "root" $ "role" "generator" "values" .Values.generator "args" (list "generate" "--follow").
Every role is the same image with the same pipeline.yaml, Secret, volumes, probes and security context.
*/}}
{{- define "rlaifv.deployment" -}}
{{- $root := .root }}
{{- $v := .values }}
{{- $secret := include "rlaifv.secretName" $root }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "rlaifv.fullname" $root }}-{{ .role }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "rlaifv.roleLabels" (dict "root" $root "role" .role) | nindent 4 }}
spec:
  replicas: {{ $v.replicas }}
  {{- if ne .role "generator" }}
  # One instance at a time: the old pod drains and exits before the new one starts.
  strategy:
    type: Recreate
  {{- end }}
  selector:
    matchLabels:
      {{- include "rlaifv.roleSelectorLabels" (dict "root" $root "role" .role) | nindent 6 }}
  template:
    metadata:
      annotations:
        checksum/config: {{ include "rlaifv.pipelineYaml" $root | sha256sum }}
        {{- if and $root.Values.secret.create (not $root.Values.secret.existingSecret) }}
        checksum/secret: {{ toYaml $root.Values.secret.values | sha256sum }}
        {{- end }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      labels:
        {{- include "rlaifv.roleLabels" (dict "root" $root "role" .role) | nindent 8 }}
        {{- with $v.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "rlaifv.serviceAccountName" $root }}
      automountServiceAccountToken: {{ $root.Values.serviceAccount.automountServiceAccountToken }}
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      # SIGTERM drains, then the process exits; this must cover the drain.
      terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ .role }}
          image: {{ include "rlaifv.image" $root | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          args:
            {{- range .args }}
            - {{ . | quote }}
            {{- end }}
            - --config
            - /etc/rlaifv/pipeline.yaml
            {{- range $v.extraArgs }}
            - {{ . | quote }}
            {{- end }}
          {{- if $secret }}
          envFrom:
            - secretRef:
                name: {{ $secret }}
          {{- end }}
          env:
            - name: DOTNET_gcServer
              value: "1"
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            {{- with $root.Values.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          ports:
            - name: metrics
              containerPort: {{ $root.Values.metrics.port }}
              protocol: TCP
          startupProbe:
            httpGet:
              path: {{ $root.Values.probes.startup.path }}
              port: metrics
            periodSeconds: {{ $root.Values.probes.startup.periodSeconds }}
            failureThreshold: {{ $root.Values.probes.startup.failureThreshold }}
            timeoutSeconds: {{ $root.Values.probes.startup.timeoutSeconds }}
          livenessProbe:
            httpGet:
              path: {{ $root.Values.probes.liveness.path }}
              port: metrics
            periodSeconds: {{ $root.Values.probes.liveness.periodSeconds }}
            failureThreshold: {{ $root.Values.probes.liveness.failureThreshold }}
            timeoutSeconds: {{ $root.Values.probes.liveness.timeoutSeconds }}
          readinessProbe:
            httpGet:
              path: {{ $root.Values.probes.readiness.path }}
              port: metrics
            periodSeconds: {{ $root.Values.probes.readiness.periodSeconds }}
            failureThreshold: {{ $root.Values.probes.readiness.failureThreshold }}
            timeoutSeconds: {{ $root.Values.probes.readiness.timeoutSeconds }}
          securityContext:
            {{- toYaml $root.Values.securityContext | nindent 12 }}
          resources:
            {{- $resources := deepCopy $v.resources }}
            {{- if and (eq .role "trainer") (gt (int $v.gpus) 0) }}
            {{- $limits := mustMergeOverwrite (default (dict) $resources.limits) (dict "nvidia.com/gpu" (int $v.gpus)) }}
            {{- $resources = mustMergeOverwrite $resources (dict "limits" $limits) }}
            {{- end }}
            {{- toYaml $resources | nindent 12 }}
          volumeMounts:
            - name: config
              mountPath: /etc/rlaifv
              readOnly: true
            - name: data
              mountPath: /var/lib/rlaifv
            - name: tmp
              mountPath: /tmp
            {{- if $root.Values.persistence.models.enabled }}
            - name: models
              mountPath: /models
              readOnly: true
            {{- end }}
            {{- if $root.Values.persistence.checkpoints.enabled }}
            - name: checkpoints
              mountPath: /checkpoints
              {{- if eq .role "coordinator" }}
              readOnly: true
              {{- end }}
            {{- end }}
      volumes:
        - name: config
          configMap:
            name: {{ include "rlaifv.fullname" $root }}-pipeline
        - name: data
          emptyDir: {}
        - name: tmp
          emptyDir: {}
        {{- if $root.Values.persistence.models.enabled }}
        - name: models
          persistentVolumeClaim:
            claimName: {{ include "rlaifv.claimName" (dict "root" $root "volume" "models") }}
            readOnly: true
        {{- end }}
        {{- if $root.Values.persistence.checkpoints.enabled }}
        - name: checkpoints
          persistentVolumeClaim:
            claimName: {{ include "rlaifv.claimName" (dict "root" $root "volume" "checkpoints") }}
        {{- end }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}
